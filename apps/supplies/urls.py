from django.urls import path  # noqa: F401

from apps.supplies import views  # noqa: F401

app_name = "supplies"

urlpatterns: list = []
