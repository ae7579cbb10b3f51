from django.urls import path

from apps.quotes.views import invoices, quotes

app_name = "quotes"

# Each area adds its routes here: clients and the catalogue (views/clients.py, views/catalogue.py),
# quotes (views/quotes.py), issuing and sending (views/issue.py), invoices (views/invoices.py).
urlpatterns: list = [
    # quotes and their lines (views/quotes.py)
    path("", quotes.quote_list, name="quote_list"),
    path("new/", quotes.quote_create, name="quote_create"),
    path("<int:pk>/", quotes.quote_detail, name="quote_detail"),
    path("<int:pk>/edit/", quotes.quote_edit, name="quote_edit"),
    path("<int:pk>/totals/", quotes.quote_totals, name="quote_totals"),
    path("<int:pk>/lines/add/", quotes.quote_line_add, name="quote_line_add"),
    path("<int:pk>/lines/catalogue/", quotes.quote_line_catalogue, name="quote_line_catalogue"),
    path("<int:pk>/lines/<int:line_pk>/", quotes.quote_line_edit, name="quote_line_edit"),
    path("<int:pk>/lines/<int:line_pk>/delete/", quotes.quote_line_delete, name="quote_line_delete"),
    path("<int:pk>/lines/<int:line_pk>/move/", quotes.quote_line_move, name="quote_line_move"),
    path("<int:pk>/duplicate/", quotes.quote_duplicate, name="quote_duplicate"),
    path("<int:pk>/delete/", quotes.quote_delete, name="quote_delete"),
    # invoices, deposit invoices, credit notes, payments (views/invoices.py)
    path("invoices/", invoices.invoice_list, name="invoice_list"),
    path("invoices/<int:pk>/", invoices.invoice_detail, name="invoice_detail"),
    path("<int:pk>/invoices/new/", invoices.invoice_create_from_quote, name="invoice_create_from_quote"),
    path("invoices/<int:pk>/edit/", invoices.invoice_edit, name="invoice_edit"),
    path("invoices/<int:pk>/issue/", invoices.invoice_issue, name="invoice_issue"),
    path("invoices/<int:pk>/send/", invoices.invoice_send, name="invoice_send"),
    path("invoices/<int:pk>/pdf/", invoices.invoice_pdf, name="invoice_pdf"),
    path("invoices/<int:pk>/payment/", invoices.invoice_payment, name="invoice_payment"),
    path("invoices/<int:pk>/credit-note/", invoices.credit_note_create, name="credit_note_create"),
    path("invoices/<int:pk>/delete/", invoices.invoice_delete, name="invoice_delete"),
]
