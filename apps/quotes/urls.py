from django.urls import path

from apps.quotes.views import quotes

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
]
