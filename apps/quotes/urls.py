from django.urls import path

from apps.quotes.views import catalogue as catalogue_views
from apps.quotes.views import clients as client_views
from apps.quotes.views import issue as issue_views
from apps.quotes.views import quotes
from apps.quotes.views import settings as settings_views
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
    # --- clients, their contacts (views/clients.py)
    path("clients/", client_views.client_list, name="client_list"),
    path("clients/new/", client_views.client_create, name="client_create"),
    path("clients/<int:pk>/", client_views.client_detail, name="client_detail"),
    path("clients/<int:pk>/edit/", client_views.client_edit, name="client_edit"),
    path("clients/<int:pk>/archive/", client_views.client_archive, name="client_archive"),
    path("clients/<int:pk>/restore/", client_views.client_restore, name="client_restore"),
    path("clients/<int:pk>/delete/", client_views.client_delete, name="client_delete"),
    path("clients/<int:pk>/contacts/new/", client_views.contact_create, name="client_contact_create"),
    path("clients/<int:pk>/contacts/<int:contact_pk>/edit/", client_views.contact_edit, name="client_contact_edit"),
    path(
        "clients/<int:pk>/contacts/<int:contact_pk>/delete/",
        client_views.contact_delete,
        name="client_contact_delete",
    ),
    # --- the catalogue (views/catalogue.py) and the settings (views/settings.py)
    path("catalogue/", catalogue_views.catalogue, name="catalogue"),
    path("catalogue/new/", catalogue_views.catalogue_create, name="catalogue_create"),
    path("catalogue/<int:pk>/edit/", catalogue_views.catalogue_edit, name="catalogue_edit"),
    path("catalogue/<int:pk>/deactivate/", catalogue_views.catalogue_deactivate, name="catalogue_deactivate"),
    path("catalogue/<int:pk>/reactivate/", catalogue_views.catalogue_reactivate, name="catalogue_reactivate"),
    path("settings/", settings_views.quote_settings, name="settings"),
    # --- issuing, the PDF, sending, the answer, revisions (views/issue.py)
    path("<int:pk>/issue/", issue_views.quote_issue, name="quote_issue"),
    path("<int:pk>/pdf/", issue_views.quote_pdf, name="quote_pdf"),
    path("<int:pk>/send/", issue_views.quote_send, name="quote_send"),
    path("<int:pk>/mark-sent/", issue_views.quote_mark_sent, name="quote_mark_sent"),
    path("<int:pk>/accept/", issue_views.quote_accept, name="quote_accept"),
    path("<int:pk>/decline/", issue_views.quote_decline, name="quote_decline"),
    path("<int:pk>/signed-copy/", issue_views.quote_signed_copy, name="quote_signed_copy"),
    path("<int:pk>/revise/", issue_views.quote_revise, name="quote_revise"),
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
