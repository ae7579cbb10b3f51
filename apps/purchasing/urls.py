from django.urls import path

from apps.purchasing.views import budgets, exports, invoices, orders, receiving

app_name = "purchasing"

urlpatterns = [
    # Purchase orders (views/orders.py).
    path("", orders.order_list, name="order_list"),
    path("orders/new/", orders.order_create, name="order_create"),
    path("orders/<int:pk>/", orders.order_detail, name="order_detail"),
    path("orders/<int:pk>/edit/", orders.order_edit, name="order_edit"),
    path("orders/<int:pk>/lines/", orders.order_lines, name="order_lines"),
    path("orders/<int:pk>/submit/", orders.order_submit, name="order_submit"),
    path("orders/<int:pk>/approve/", orders.order_approve, name="order_approve"),
    path("orders/<int:pk>/refuse/", orders.order_refuse, name="order_refuse"),
    path("orders/<int:pk>/send/", orders.order_send, name="order_send"),
    path("orders/<int:pk>/cancel/", orders.order_cancel, name="order_cancel"),
    path("orders/<int:pk>/close/", orders.order_close, name="order_close"),
    path("orders/<int:pk>/pdf/", orders.order_pdf, name="order_pdf"),
    # Receiving, and orders made from approved requests and the reorder list (views/receiving.py).
    path("orders/<int:pk>/receive/", receiving.order_receive, name="order_receive"),
    path("orders/from-requests/", receiving.from_requests, name="from_requests"),
    path("orders/from-reorder/", receiving.from_reorder, name="from_reorder"),
    # Supplier invoices (views/invoices.py).
    path("invoices/", invoices.invoice_list, name="invoice_list"),
    path("invoices/new/", invoices.invoice_create, name="invoice_create"),
    path("invoices/<int:pk>/", invoices.invoice_detail, name="invoice_detail"),
    path("invoices/<int:pk>/edit/", invoices.invoice_edit, name="invoice_edit"),
    path("invoices/<int:pk>/file/", invoices.invoice_file, name="invoice_file"),
    path("invoices/<int:pk>/paid/", invoices.invoice_paid, name="invoice_paid"),
    # Budgets (views/budgets.py) and the accountant's exports (views/exports.py).
    path("budgets/", budgets.budget_overview, name="budgets"),
    path("budgets/new/", budgets.budget_create, name="budget_create"),
    path("budgets/<int:pk>/edit/", budgets.budget_edit, name="budget_edit"),
    path("exports/", exports.export_page, name="exports"),
    path("exports/invoices.csv", exports.export_invoices_csv, name="export_invoices_csv"),
    path("exports/fec.txt", exports.export_fec, name="export_fec"),
    path("accounts/", exports.account_mapping, name="accounts"),
]
