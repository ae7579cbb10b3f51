from django.urls import path

from apps.quotes.views import catalogue as catalogue_views
from apps.quotes.views import clients as client_views
from apps.quotes.views import quotes
from apps.quotes.views import settings as settings_views

app_name = "quotes"

# Each area adds its routes here: clients and the catalogue (views/clients.py, views/catalogue.py),
# quotes (views/quotes.py), issuing and sending (views/issue.py), invoices (views/invoices.py).
urlpatterns: list = [
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
