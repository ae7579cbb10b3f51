from django.urls import path

from apps.supplies.views import requests, settings

app_name = "supplies"

urlpatterns: list = [
    # --- office requests (views/requests.py, views/settings.py)
    path("requests/", requests.request_queue, name="request_queue"),
    path("requests/<int:pk>/", requests.request_detail, name="request_detail"),
    path("requests/<int:pk>/decide/", requests.request_decide, name="request_decide"),
    path("requests/<int:pk>/approve/", requests.request_approve, name="request_approve"),
    path("requests/<int:pk>/refuse/", requests.request_refuse, name="request_refuse"),
    path("requests/<int:pk>/issue/", requests.request_issue, name="request_issue"),
    path("requests/<int:pk>/lines/<int:line_pk>/arrived/", requests.request_line_arrived, name="request_line_arrived"),
    path("requests/<int:pk>/delivered/", requests.request_delivered, name="request_delivered"),
    path("settings/", settings.supply_settings, name="settings"),
]
