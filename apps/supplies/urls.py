from django.urls import path

from apps.supplies import views  # noqa: F401
from apps.supplies.views import equipment

app_name = "supplies"

urlpatterns: list = [
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
]
