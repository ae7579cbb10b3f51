from django.urls import path

from apps.supplies import views  # noqa: F401
from apps.supplies.views import catalogue, equipment, imports, requests, settings
from apps.supplies.views import inventory as inventory_views
from apps.supplies.views import my_requests as my_requests_views
from apps.supplies.views import shop as shop_views
from apps.supplies.views import stock as stock_views

app_name = "supplies"

urlpatterns: list = [
    # --- stock (H2): one item's stock and ledger, inventory counts, the reorder list
    path("items/<int:pk>/stock/", stock_views.item_stock, name="item_stock"),
    path("items/<int:pk>/stock/<int:site_pk>/receive/", stock_views.stock_receive, name="stock_receive"),
    path("items/<int:pk>/stock/<int:site_pk>/adjust/", stock_views.stock_adjust, name="stock_adjust"),
    path("items/<int:pk>/stock/<int:site_pk>/settings/", stock_views.stock_settings, name="stock_settings"),
    path("inventory/", inventory_views.inventory, name="inventory"),
    path("inventory/<int:site_pk>/", inventory_views.inventory_count, name="inventory_count"),
    path("inventory/counts/<int:pk>/", inventory_views.inventory_count_detail, name="inventory_count_detail"),
    path("reorder/", stock_views.reorder, name="reorder"),
    # --- catalogue (office manager; the photos for every signed-in person)
    path("items/", catalogue.item_list, name="item_list"),
    path("items/new/", catalogue.item_new, name="item_new"),
    path("items/import/", imports.catalogue_import, name="catalogue_import"),
    path("items/export/", imports.catalogue_export, name="catalogue_export"),
    path("items/<int:pk>/", catalogue.item_detail, name="item_detail"),
    path("items/<int:pk>/edit/", catalogue.item_edit, name="item_edit"),
    path("items/<int:pk>/archive/", catalogue.item_archive, name="item_archive"),
    path("items/<int:pk>/photo/", catalogue.item_photo, name="item_photo"),
    path("items/<int:pk>/thumbnail/", catalogue.item_thumbnail, name="item_thumbnail"),
    # Equipment register (H5)
    path("equipment/", equipment.equipment_list, name="equipment_list"),
    path("equipment/new/", equipment.equipment_new, name="equipment_new"),
    path("equipment/labels/", equipment.equipment_labels, name="equipment_labels"),
    path("equipment/mine/", equipment.my_equipment, name="my_equipment"),
    path("equipment/<int:pk>/", equipment.equipment_detail, name="equipment_detail"),
    path("equipment/<int:pk>/edit/", equipment.equipment_edit, name="equipment_edit"),
    path("equipment/<int:pk>/assign/", equipment.equipment_assign, name="equipment_assign"),
    path("equipment/<int:pk>/return/", equipment.equipment_return, name="equipment_return"),
    path("equipment/<int:pk>/report/", equipment.equipment_report, name="equipment_report"),
    # Staff requests (H3): the catalogue everyone browses, the basket, my requests, asking for equipment.
    path("", shop_views.shop, name="shop"),
    path("basket/", shop_views.basket, name="basket"),
    path("basket/add/", shop_views.basket_add, name="basket_add"),
    path("basket/update/", shop_views.basket_update, name="basket_update"),
    path("basket/submit/", shop_views.request_submit, name="request_submit"),
    path("requests/mine/", my_requests_views.my_requests, name="my_requests"),
    path("requests/<int:pk>/cancel/", my_requests_views.request_cancel, name="request_cancel"),
    path("equipment/request/", my_requests_views.equipment_request, name="equipment_request"),
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
