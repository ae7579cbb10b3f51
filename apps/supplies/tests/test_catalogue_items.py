"""The office manager's catalogue: create, edit, archive; photos checked and thumbnailed; permissions."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from apps.core.tests.files import image_bytes
from apps.suppliers.tests.factories import SupplierFactory
from apps.supplies.models import CatalogueItem, SiteStock
from apps.supplies.tests.factories import CatalogueItemFactory

pytestmark = pytest.mark.django_db

ITEM = {
    "name": "Stylo bille bleu",
    "category": "writing",
    "unit": "box",
    "supplier_reference": "BIC-123",
    "description": "",
    "unit_price": "4.20",
    "vat_rate": "20.00",
    "supplier": "",
    "is_active": "on",
}


def test_office_manager_creates_an_item_with_a_photo_and_its_thumbnail(org, client_for):
    photo = SimpleUploadedFile("pen.png", image_bytes("PNG", (800, 400)))
    lyreco = SupplierFactory(name="Lyreco")
    response = client_for(org.office_manager).post(
        reverse("supplies:item_new"), {**ITEM, "supplier": lyreco.pk, "photo": photo}
    )
    item = CatalogueItem.objects.get(name="Stylo bille bleu")
    assert response.status_code == 302
    assert item.unit_price == Decimal("4.20") and item.supplier == lyreco
    assert item.photo and item.thumbnail
    with Image.open(item.thumbnail) as thumb:
        assert thumb.size == (240, 120)  # aspect kept
    assert client_for(org.staff).get(reverse("supplies:item_thumbnail", args=[item.pk])).status_code == 200


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("pen.png", b"not an image at all", "image"),
        ("pen.gif", image_bytes("GIF"), "PNG, JPEG or WebP"),
        ("pen.png", image_bytes("PNG") + b"\0" * (5 * 1024 * 1024), "limit is 5 MB"),
    ],
)
def test_a_photo_that_is_not_an_image_or_too_large_is_a_field_error_and_nothing_is_saved(
    org, client_for, name, content, message
):
    photo = SimpleUploadedFile(name, content)
    response = client_for(org.office_manager).post(reverse("supplies:item_new"), {**ITEM, "photo": photo})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["photo"])
    assert not CatalogueItem.objects.exists()


def test_a_duplicate_name_whatever_its_case_is_the_name_fields_error(org, client_for):
    CatalogueItemFactory(name="Stylo Bille Bleu")
    response = client_for(org.office_manager).post(reverse("supplies:item_new"), ITEM)
    assert "already has an item" in " ".join(response.context["form"].errors.get("name", [])), response.context[
        "form"
    ].errors
    assert CatalogueItem.objects.count() == 1


def test_editing_replaces_the_photo_and_deletes_the_old_files_after_commit(
    org, client_for, django_capture_on_commit_callbacks
):
    client = client_for(org.office_manager)
    client.post(reverse("supplies:item_new"), {**ITEM, "photo": SimpleUploadedFile("a.png", image_bytes())})
    item = CatalogueItem.objects.get()
    old_photo, old_thumb = item.photo.path, item.thumbnail.path
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("supplies:item_edit", args=[item.pk]),
            {**ITEM, "unit_price": "5", "photo": SimpleUploadedFile("b.jpg", image_bytes("JPEG"))},
        )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.unit_price == Decimal("5.00") and item.photo.name.endswith(".jpg")
    import os

    assert not os.path.exists(old_photo) and not os.path.exists(old_thumb)


def test_archive_and_restore_say_so(org, client_for):
    item = CatalogueItemFactory()
    client = client_for(org.office_manager)
    response = client.post(reverse("supplies:item_archive", args=[item.pk]), {"active": "0"}, follow=True)
    item.refresh_from_db()
    assert not item.is_active and "archived" in response.content.decode()
    client.post(reverse("supplies:item_archive", args=[item.pk]), {"active": "1"})
    item.refresh_from_db()
    assert item.is_active


def test_detail_shows_the_stock_of_each_site(org, client_for):
    item = CatalogueItemFactory()
    SiteStock.objects.create(item=item, site=org.site, quantity=7)
    response = client_for(org.office_manager).get(reverse("supplies:item_detail", args=[item.pk]))
    assert response.status_code == 200 and "Lyon" in response.content.decode()


@pytest.mark.parametrize("role", ["staff", "director", "manager"])
def test_the_catalogue_pages_refuse_everyone_but_the_office_manager(org, client_for, role):
    item = CatalogueItemFactory()
    client = client_for(getattr(org, role))
    for name, args in [("item_list", []), ("item_new", []), ("item_detail", [item.pk]), ("item_edit", [item.pk])]:
        assert client.get(reverse(f"supplies:{name}", args=args)).status_code == 403
    assert client.post(reverse("supplies:item_archive", args=[item.pk])).status_code == 403
    assert client.get(reverse("supplies:catalogue_import")).status_code == 403
    assert client.get(reverse("supplies:catalogue_export")).status_code == 403


def test_unknown_ids_are_404_and_archive_refuses_get(org, client_for):
    client = client_for(org.office_manager)
    assert client.get(reverse("supplies:item_detail", args=[999999])).status_code == 404
    assert client.get(reverse("supplies:item_photo", args=[999999])).status_code == 404
    item = CatalogueItemFactory()
    assert client.get(reverse("supplies:item_archive", args=[item.pk])).status_code == 405


def test_staff_cannot_see_an_archived_items_photo(org, client_for):
    item = CatalogueItemFactory(is_active=False)
    assert client_for(org.staff).get(reverse("supplies:item_thumbnail", args=[item.pk])).status_code == 404


def test_item_list_searches_and_costs_the_same_queries_for_many_items(org, client_for, django_assert_max_num_queries):
    bruneau = SupplierFactory(name="Bruneau")
    for n in range(30):
        item = CatalogueItemFactory(name=f"Cahier {n}", supplier=bruneau)
        SiteStock.objects.create(item=item, site=org.site, quantity=n)
    client = client_for(org.office_manager)
    client.get(reverse("supplies:item_list"))
    with django_assert_max_num_queries(8):
        response = client.get(reverse("supplies:item_list"), {"q": "bruneau"})
    assert response.context["page"].paginator.count == 30
    assert "Cahier 29" in response.content.decode()


def test_a_name_saved_by_another_request_at_the_same_moment_is_the_name_fields_error(org, monkeypatch):
    from django.core.exceptions import ValidationError

    from apps.supplies.services import catalogue as services

    CatalogueItemFactory(name="Agrafeuse")
    real = services.name_taken
    calls = []

    def first_check_misses(name, *, exclude_pk=None):
        # The first check runs before the other request committed; the second (after the
        # IntegrityError) sees its row.
        calls.append(name)
        return False if len(calls) == 1 else real(name, exclude_pk=exclude_pk)

    monkeypatch.setattr(services, "name_taken", first_check_misses)
    with pytest.raises(ValidationError) as caught:
        services.item_create(
            by=org.office_manager,
            name="agrafeuse",
            category="writing",
            unit="piece",
            unit_price=Decimal("9"),
            vat_rate=Decimal("20.00"),
        )
    assert "already has an item" in " ".join(caught.value.message_dict["name"])
    assert CatalogueItem.objects.count() == 1


def test_services_refuse_anyone_but_the_office_manager(org):
    from django.core.exceptions import PermissionDenied

    from apps.supplies.services import catalogue as services

    item = CatalogueItemFactory()
    with pytest.raises(PermissionDenied):
        services.item_archive(item=item, by=org.director)


def test_the_edit_form_shows_the_price_with_a_french_decimal_comma_and_takes_it_back(org, client_for):
    org.office_manager.language = "fr"
    org.office_manager.save(update_fields=["language"])
    item = CatalogueItemFactory(unit_price=Decimal("4.20"))
    client = client_for(org.office_manager)
    page = client.get(reverse("supplies:item_edit", args=[item.pk]))
    assert 'value="4,20"' in page.content.decode()
    response = client.post(
        reverse("supplies:item_edit", args=[item.pk]), {**ITEM, "name": item.name, "unit_price": "5,10"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.unit_price == Decimal("5.10")


def test_the_supplier_is_one_of_the_directory_and_an_archived_one_cannot_be_chosen(org, client_for):
    archived = SupplierFactory(name="Ancien fournisseur", is_active=False)
    client = client_for(org.office_manager)
    response = client.post(reverse("supplies:item_new"), {**ITEM, "supplier": archived.pk})
    assert response.status_code == 200 and "supplier" in response.context["form"].errors
    response = client.post(reverse("supplies:item_new"), {**ITEM, "supplier": "999999"})
    assert response.status_code == 200 and not CatalogueItem.objects.exists()
    # An item already linked to a supplier since archived keeps it when edited.
    item = CatalogueItemFactory(name="Trombones", supplier=archived)
    response = client.post(
        reverse("supplies:item_edit", args=[item.pk]), {**ITEM, "name": item.name, "supplier": archived.pk}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.supplier == archived
    assert "Ancien fournisseur" in client.get(reverse("supplies:item_detail", args=[item.pk])).content.decode()
