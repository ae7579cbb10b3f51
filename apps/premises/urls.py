from django.urls import path

from . import views

app_name = "premises"

urlpatterns = [
    # Booking
    path("", views.day, name="day"),
    path("sites/<int:site_pk>/day/", views.day, name="site_day"),
    path("find/", views.find_room, name="find_room"),
    path("book/", views.booking_new, name="booking_new"),
    path("my/", views.my_bookings, name="my_bookings"),
    path("bookings/<int:pk>/", views.booking_detail, name="booking_detail"),
    path("bookings/<int:pk>/move/", views.booking_move, name="booking_move"),
    path("bookings/<int:pk>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("bookings/<int:pk>/approve/", views.booking_approve, name="booking_approve"),
    path("bookings/<int:pk>/refuse/", views.booking_refuse, name="booking_refuse"),
    path("approvals/", views.approvals, name="approvals"),
    path("block/", views.room_block, name="room_block"),
    # Floor plans
    path("floors/<int:pk>/", views.floor_plan, name="floor_plan"),
    path("floors/<int:pk>/plan-image/", views.floor_plan_image, name="floor_plan_image"),
    path("floors/<int:pk>/plan/", views.floor_plan_edit, name="floor_plan_edit"),
    path("floors/<int:pk>/plan/position/", views.floor_plan_position, name="floor_plan_position"),
    # Spaces (office manager)
    path("spaces/", views.spaces_index, name="spaces"),
    path("spaces/sites/<int:site_pk>/", views.site_spaces, name="site_spaces"),
    path("spaces/sites/<int:site_pk>/settings/", views.site_settings, name="site_settings"),
    path("spaces/sites/<int:site_pk>/floors/new/", views.floor_new, name="floor_new"),
    path("spaces/floors/<int:pk>/", views.floor_edit, name="floor_edit"),
    path("spaces/sites/<int:site_pk>/rooms/new/", views.room_new, name="room_new"),
    path("spaces/rooms/<int:pk>/", views.room_edit, name="room_edit"),
    path("spaces/rooms/<int:pk>/toggle/", views.room_toggle, name="room_toggle"),
    path("spaces/sites/<int:site_pk>/desks/new/", views.desk_new, name="desk_new"),
    path("spaces/desks/<int:pk>/", views.desk_edit, name="desk_edit"),
    path("spaces/desks/<int:pk>/toggle/", views.desk_toggle, name="desk_toggle"),
    # Safety and hygiene register
    path("register/", views.register, name="register"),
    path("register/<int:site_pk>/", views.register, name="register_site"),
    path("register/pdf/", views.register_pdf, name="register_pdf"),
    path("register/<int:site_pk>/pdf/", views.register_pdf, name="register_pdf_site"),
    path("register/<int:site_pk>/new/", views.register_item_new, name="register_item_new"),
    path("register/<int:site_pk>/standard/", views.register_standard_items, name="register_standard_items"),
    path("register/items/<int:pk>/", views.register_item, name="register_item"),
    path("register/items/<int:pk>/edit/", views.register_item_edit, name="register_item_edit"),
    path("register/items/<int:pk>/record/", views.record_new, name="record_new"),
    path("register/records/<int:pk>/report/", views.record_report, name="record_report"),
    # Repair tickets
    path("tickets/", views.ticket_list, name="ticket_list"),
    path("tickets/mine/", views.my_tickets, name="my_tickets"),
    path("tickets/new/", views.ticket_new, name="ticket_new"),
    path("tickets/<int:pk>/", views.ticket_detail, name="ticket_detail"),
    path("tickets/<int:pk>/triage/", views.ticket_triage, name="ticket_triage"),
    path("tickets/<int:pk>/status/", views.ticket_transition, name="ticket_transition"),
    path("tickets/<int:pk>/comment/", views.ticket_comment, name="ticket_comment"),
    path("tickets/<int:pk>/photo/", views.ticket_photo, name="ticket_photo"),
]
