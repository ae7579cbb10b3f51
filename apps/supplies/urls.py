from django.urls import path

from apps.supplies import views  # noqa: F401
from apps.supplies.views import my_requests as my_requests_views
from apps.supplies.views import shop as shop_views

app_name = "supplies"

urlpatterns: list = [
    # Staff requests (H3): the catalogue everyone browses, the basket, my requests, asking for equipment.
    path("", shop_views.shop, name="shop"),
    path("basket/", shop_views.basket, name="basket"),
    path("basket/add/", shop_views.basket_add, name="basket_add"),
    path("basket/update/", shop_views.basket_update, name="basket_update"),
    path("basket/submit/", shop_views.request_submit, name="request_submit"),
    path("requests/mine/", my_requests_views.my_requests, name="my_requests"),
    path("requests/<int:pk>/cancel/", my_requests_views.request_cancel, name="request_cancel"),
    path("equipment/request/", my_requests_views.equipment_request, name="equipment_request"),
]
