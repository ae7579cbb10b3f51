from django.urls import path

from apps.supplies import views  # noqa: F401
from apps.supplies.views import inventory as inventory_views
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
]
