"""The catalogue import: a preview with each row's errors, then all rows or none; the export imported back
changes nothing; formulas are escaped in both formats."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from apps.suppliers.tests.factories import SupplierFactory
from apps.supplies.models import CatalogueImport, CatalogueItem
from apps.supplies.tests.factories import CatalogueItemFactory

pytestmark = pytest.mark.django_db

HEADER_FR = "Nom;Catégorie;Unité;Référence fournisseur;Prix unitaire HT;Taux de TVA;Fournisseur habituel;Actif"


def csv_upload(text: str, name: str = "catalogue.csv", bom: bool = True) -> SimpleUploadedFile:
    data = ("\ufeff" if bom else "") + text
    return SimpleUploadedFile(name, data.encode("utf-8"), content_type="text/csv")


def stage(client, upload):
    response = client.post(reverse("supplies:catalogue_import"), {"file": upload})
    return response


def test_a_good_french_file_previews_then_imports_every_row(org, client_for):
    CatalogueItemFactory(name="Stylo bleu", unit_price=Decimal("1.00"))
    lyreco = SupplierFactory(name="Lyreco  France")
    client = client_for(org.office_manager)
    text = "\n".join(
        [
            HEADER_FR,
            "Ramette A4;Papier;ramette;R-1;4,20;20; LYRECO france ;oui",
            "stylo bleu;Writing;BOX;;1,50;5,5 %;;non",
        ]
    )
    response = stage(client, csv_upload(text))
    assert response.status_code == 302
    preview = client.get(response.url)
    check = preview.context["check"]
    assert [row.action for row in check.rows] == ["new", "update"]
    assert not CatalogueItem.objects.filter(name="Ramette A4").exists()  # nothing saved at the preview
    token = preview.context["stage"].token
    done = client.post(reverse("supplies:catalogue_import"), {"token": token, "confirm": "1"})
    assert done.status_code == 302
    ramette = CatalogueItem.objects.get(name="Ramette A4")
    assert (ramette.category, ramette.unit, ramette.unit_price) == ("paper", "ream", Decimal("4.20"))
    assert ramette.supplier == lyreco  # matched by name, case and spaces ignored
    pen = CatalogueItem.objects.get(name__iexact="stylo bleu")
    assert (pen.unit_price, pen.vat_rate, pen.is_active) == (Decimal("1.50"), Decimal("5.50"), False)


def test_one_bad_row_shows_each_rows_errors_and_saves_nothing(org, client_for):
    client = client_for(org.office_manager)
    text = "\n".join(
        [
            "Name,Category,Unit,Unit price excl. VAT,VAT rate",
            "Good item,paper,ream,4.20,20",
            "Bad category,Jewellery,ream,4.20,20",
            "Bad price,paper,ream,-3,20",
            "Bad VAT,paper,ream,3,7",
            ",paper,ream,3,20",
            "good item,paper,ream,4.20,20",
            "Huge,paper,ream,1000000000000,20",
        ]
    )
    preview = client.get(stage(client, csv_upload(text, bom=False)).url)
    rows = preview.context["check"].rows
    assert [bool(row.errors) for row in rows] == [False, True, True, True, True, True, True]
    page = preview.content.decode()
    for message in [
        "is not a category",
        "cannot be negative",
        "not a French VAT rate",
        "Enter the item",
        "already on line 2",
    ]:
        assert message in page
    token = preview.context["stage"].token
    response = client.post(reverse("supplies:catalogue_import"), {"token": token, "confirm": "1"})
    assert response.status_code == 302
    assert not CatalogueItem.objects.exists()


def test_a_wrong_header_is_one_message_naming_the_expected_columns(org, client_for):
    client = client_for(org.office_manager)
    response = stage(client, csv_upload("Designation;Colour;Price\nA;red;3"))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    assert "Name, Category, Unit, Supplier reference, Unit price excl. VAT" in errors
    assert "Colour" in errors
    assert not CatalogueImport.objects.exists()


def test_the_confirmation_posted_twice_imports_once(org, client_for):
    client = client_for(org.office_manager)
    preview = client.get(
        stage(client, csv_upload("Name;Category;Unit;Unit price excl. VAT;VAT rate\nA;paper;ream;1;20")).url
    )
    token = preview.context["stage"].token
    client.post(reverse("supplies:catalogue_import"), {"token": token, "confirm": "1"})
    client.post(reverse("supplies:catalogue_import"), {"token": token, "confirm": "1"})
    assert CatalogueItem.objects.count() == 1
    assert CatalogueImport.objects.get().created_count == 1


def test_another_persons_staged_import_is_404(org, client_for):
    client = client_for(org.office_manager)
    stage(client, csv_upload("Name;Category;Unit;Unit price excl. VAT;VAT rate\nA;paper;ream;1;20"))
    token = CatalogueImport.objects.get().token
    other = org.staff
    other.groups.set(org.office_manager.groups.all())
    other_client = client_for(other)
    assert other_client.get(reverse("supplies:catalogue_import"), {"token": str(token)}).status_code == 404
    assert other_client.get(reverse("supplies:catalogue_import"), {"token": "not-a-uuid"}).status_code == 404


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_export_imported_back_changes_nothing(org, client_for, kind, language):
    CatalogueItemFactory(name='=HYPERLINK("http://evil")', unit_price=Decimal("1234.50"), vat_rate=Decimal("5.50"))
    CatalogueItemFactory(
        name="Café moulu",
        category="kitchen",
        unit="pack",
        is_active=False,
        supplier_reference="-12",
        supplier=SupplierFactory(name="=Torréfacteur Dupont"),
    )
    before = list(CatalogueItem.objects.order_by("pk").values())
    client = client_for(org.office_manager)
    with translation.override(language):
        client.cookies["django_language"] = language
        exported = client.get(reverse("supplies:catalogue_export"), {"format": kind}, HTTP_ACCEPT_LANGUAGE=language)
    assert exported.status_code == 200
    upload = SimpleUploadedFile(f"export.{kind}", exported.content)
    preview = client.get(stage(client, upload).url)
    assert [row.action for row in preview.context["check"].rows] == ["unchanged", "unchanged"]
    client.post(reverse("supplies:catalogue_import"), {"token": preview.context["stage"].token, "confirm": "1"})
    assert list(CatalogueItem.objects.order_by("pk").values()) == before


def test_export_escapes_formulas_in_csv_and_xlsx(org, client_for):
    CatalogueItemFactory(name="=1+1", supplier=SupplierFactory(name="@SUM(A1)"))
    client = client_for(org.office_manager)
    text = client.get(reverse("supplies:catalogue_export"), {"format": "csv"}).content.decode("utf-8-sig")
    assert "'=1+1" in text and "'@SUM(A1)" in text
    workbook = load_workbook(io.BytesIO(client.get(reverse("supplies:catalogue_export"), {"format": "xlsx"}).content))
    cells = [cell.value for row in workbook.active.iter_rows() for cell in row]
    assert "'=1+1" in cells and "'@SUM(A1)" in cells
    assert 4.2 in cells or Decimal("4.20") in cells  # the price stays a number


def test_an_xlsx_file_with_english_headers_imports(org, client_for):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Category", "Unit", "Unit price excl. VAT", "VAT rate", "Active"])
    sheet.append(["Toner HP 305A", "IT accessories", "piece", 89.9, 0.2, True])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client = client_for(org.office_manager)
    preview = client.get(stage(client, SimpleUploadedFile("toner.xlsx", buffer.getvalue())).url)
    assert [row.action for row in preview.context["check"].rows] == ["new"], preview.context["check"].errors()
    client.post(reverse("supplies:catalogue_import"), {"token": preview.context["stage"].token, "confirm": "1"})
    toner = CatalogueItem.objects.get()
    assert (toner.category, toner.unit_price, toner.vat_rate) == ("it", Decimal("89.90"), Decimal("20.00"))


def test_a_file_that_is_neither_csv_nor_xlsx_is_refused(org, client_for):
    client = client_for(org.office_manager)
    response = stage(client, SimpleUploadedFile("catalogue.xlsx", b"PK\x03\x04 broken zip"))
    assert "not a readable XLSX" in " ".join(response.context["form"].errors["file"])
    response = stage(client, SimpleUploadedFile("catalogue.pdf", b"%PDF-1.7"))
    assert "CSV or XLSX" in " ".join(response.context["form"].errors["file"])


def test_the_preview_reads_in_french(org, client_for):
    org.office_manager.language = "fr"
    org.office_manager.save(update_fields=["language"])
    client = client_for(org.office_manager)
    text = HEADER_FR + "\nRamette;Papier;ramette;;4,20;20;;oui\nBijou;Bijouterie;pièce;;3;20;;oui"
    with translation.override("fr"):
        preview = client.get(stage(client, csv_upload(text)).url, HTTP_ACCEPT_LANGUAGE="fr")
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "« Bijouterie » n’est pas une catégorie" in page and "1 nouveau" in page


def test_a_file_over_the_row_limit_is_refused_whole(org, client_for, monkeypatch):
    from apps.supplies import spreadsheets

    monkeypatch.setattr(spreadsheets, "MAX_IMPORT_ROWS", 3)
    rows = "\n".join(f"Item {n};paper;ream;1;20" for n in range(10))
    response = stage(
        client_for(org.office_manager), csv_upload(f"Name;Category;Unit;Unit price excl. VAT;VAT rate\n{rows}")
    )
    assert "at most 3" in " ".join(response.context["form"].errors["file"])
    assert not CatalogueImport.objects.exists()


def test_a_windows_1252_csv_with_commas_and_decimal_points_imports(org, client_for):
    client = client_for(org.office_manager)
    data = 'Nom,Catégorie,Unité,Prix unitaire HT,TVA\nCafé,cuisine,paquet,"1,234.50",5.5\n'.encode("cp1252")
    preview = client.get(stage(client, SimpleUploadedFile("old.csv", data)).url)
    row = preview.context["check"].rows[0]
    assert row.action == "new", row.errors
    assert row.values["unit_price"] == Decimal("1234.50") and row.values["category"] == "kitchen"


def test_the_confirmation_message_agrees_in_number_in_french(org, client_for):
    CatalogueItemFactory(name="Stylo bleu", unit_price=Decimal("1.00"))
    SupplierFactory(name="Lyreco")
    org.office_manager.language = "fr"
    org.office_manager.save(update_fields=["language"])
    client = client_for(org.office_manager)
    text = HEADER_FR + "\nRamette A4;Papier;ramette;R-1;4,20;20;Lyreco;oui\nStylo bleu;Écriture;pièce;;1,50;20;;oui"
    with translation.override("fr"):
        preview = client.get(stage(client, csv_upload(text)).url, HTTP_ACCEPT_LANGUAGE="fr")
        token = preview.context["stage"].token
        done = client.post(
            reverse("supplies:catalogue_import"),
            {"token": token, "confirm": "1"},
            follow=True,
            HTTP_ACCEPT_LANGUAGE="fr",
        )
    assert "Le catalogue a été importé : 1 article créé, 1 mis à jour." in done.content.decode()


def test_an_unknown_supplier_is_the_rows_error_and_an_empty_cell_unlinks(org, client_for):
    known = SupplierFactory(name="Bruneau")
    item = CatalogueItemFactory(name="Stylo bleu", supplier=known)
    client = client_for(org.office_manager)
    text = "\n".join([HEADER_FR, "Ramette A4;Papier;ramette;R-1;4,20;20;Fournisseur Inconnu;oui"])
    preview = client.get(stage(client, csv_upload(text)).url)
    (row,) = preview.context["check"].rows
    assert row.action == "error"
    assert "Fournisseur Inconnu" in " ".join(row.errors) and "supplier directory" in " ".join(row.errors)
    done = client.post(reverse("supplies:catalogue_import"), {"token": preview.context["stage"].token, "confirm": "1"})
    assert done.status_code in (200, 302) and not CatalogueItem.objects.filter(name="Ramette A4").exists()
    text = "\n".join([HEADER_FR, "Stylo bleu;Écriture;pièce;;1,50;20;;oui"])
    preview = client.get(stage(client, csv_upload(text)).url)
    (row,) = preview.context["check"].rows
    assert row.action == "update" and "supplier" in row.changed
    client.post(reverse("supplies:catalogue_import"), {"token": preview.context["stage"].token, "confirm": "1"})
    item.refresh_from_db()
    assert item.supplier is None
