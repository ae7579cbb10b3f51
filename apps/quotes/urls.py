from django.urls import path  # noqa: F401

app_name = "quotes"

# Each area adds its routes here: clients and the catalogue (views/clients.py, views/catalogue.py),
# quotes (views/quotes.py), issuing and sending (views/issue.py), invoices (views/invoices.py).
urlpatterns: list = []
