from django.urls import path

from apps.supplies import views  # noqa: F401
from apps.supplies.views import catalogue, imports

app_name = "supplies"

urlpatterns: list = [
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
]
