from django.urls import path

from . import views

app_name = "leave"

urlpatterns = [
    path("", views.my_leave, name="my_leave"),
    path("new/", views.request_create, name="request_create"),
    path("new/preview/", views.request_preview, name="request_preview"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("requests/<int:pk>/document/", views.request_document, name="request_document"),
    path("requests/<int:pk>/approve/", views.request_approve, name="request_approve"),
    path("requests/<int:pk>/refuse/", views.request_refuse, name="request_refuse"),
    path("requests/<int:pk>/cancel/", views.request_cancel, name="request_cancel"),
    path("requests/<int:pk>/cancellation/confirm/", views.cancellation_confirm, name="cancellation_confirm"),
    path("requests/<int:pk>/cancellation/decline/", views.cancellation_decline, name="cancellation_decline"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/events/", views.calendar_events, name="calendar_events"),
    path("balances/", views.balance_list, name="balance_list"),
    path("balances/import/", views.balance_import, name="balance_import"),
    path("balances/<int:person_pk>/", views.balance_adjust, name="balance_adjust"),
    path("types/", views.type_list, name="type_list"),
    path("types/new/", views.type_create, name="type_create"),
    path("types/<int:pk>/", views.type_edit, name="type_edit"),
    path("policy/", views.policy_edit, name="policy"),
    path("export/", views.payroll_export, name="payroll_export"),
    path("deputies/", views.deputy_list, name="deputy_list"),
    path("deputies/<int:pk>/delete/", views.deputy_delete, name="deputy_delete"),
]
