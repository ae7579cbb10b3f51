"""Asset labels: an A4 PDF of 3 × 8 labels with the company, the tag, what the item is and a QR code
opening its page; for the selected items or the filtered list; office manager only."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from apps.accounts.models import User
from apps.accounts.tests.factories import CompanyFactory
from apps.supplies.models import EquipmentKind
from apps.supplies.selectors.equipment import MAX_LABELS
from apps.supplies.tests.factories import EquipmentItemFactory
from apps.supplies.views._equipment_labels import label_sheets, qr_data_uri

LABELS = reverse("supplies:equipment_labels")


@pytest.fixture(autouse=True)
def _english(org):
    User.objects.update(language="en")


def _pdf(response) -> PdfReader:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def _text(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_labels_of_the_selected_items(org, client_for):
    CompanyFactory(legal_name="Atelier Rhône SAS", trade_name="Atelier Rhône")
    chosen = [EquipmentItemFactory(model="ThinkPad T14"), EquipmentItemFactory(kind=EquipmentKind.SCREEN, model="")]
    other = EquipmentItemFactory()
    ids = ",".join(str(item.pk) for item in chosen)
    reader = _pdf(client_for(org.office_manager).get(LABELS, {"ids": ids}))
    assert len(reader.pages) == 1
    text = _text(reader)
    assert chosen[0].asset_tag in text and chosen[1].asset_tag in text and other.asset_tag not in text
    assert "ATELIER RHÔNE" in text.upper() and "ThinkPad T14" in text and "Screen" in text


def test_the_list_checkboxes_send_ids_too(org, client_for):
    items = [EquipmentItemFactory() for _ in range(3)]
    query = "&".join(f"ids={item.pk}" for item in items[:2])
    text = _text(_pdf(client_for(org.office_manager).get(f"{LABELS}?{query}")))
    assert items[0].asset_tag in text and items[2].asset_tag not in text


def test_labels_of_the_filtered_list_fill_a_sheet_of_24_per_page(org, client_for):
    screens = [EquipmentItemFactory(kind=EquipmentKind.SCREEN) for _ in range(25)]
    laptop = EquipmentItemFactory(kind=EquipmentKind.LAPTOP)
    reader = _pdf(client_for(org.office_manager).get(LABELS, {"kind": "screen"}))
    assert len(reader.pages) == 2
    text = _text(reader)
    assert all(item.asset_tag in text for item in screens) and laptop.asset_tag not in text


def test_each_label_carries_a_qr_code_of_the_items_absolute_page(org, settings):
    settings.SITE_URL = "https://office.example.fr/"
    item = EquipmentItemFactory()
    [[label]] = label_sheets([item])
    assert label.url == f"https://office.example.fr/supplies/equipment/{item.pk}/"
    assert label.qr == qr_data_uri(label.url) and label.qr.startswith("data:image/svg+xml")


def test_the_number_of_labels_is_bounded(org, client_for):
    item = EquipmentItemFactory()  # first, so its id is within the bound whatever the sequence is at
    ids = ",".join(str(n) for n in [item.pk, *range(1, MAX_LABELS + 500)])
    response = client_for(org.office_manager).get(LABELS, {"ids": ids + ",abc,-3,99999999999999"})
    assert response.status_code == 200


def test_no_item_selected_goes_back_to_the_list(org, client_for):
    response = client_for(org.office_manager).get(LABELS, {"ids": "424242"})
    assert response.status_code == 302 and response["Location"] == reverse("supplies:equipment_list")


def test_a_model_written_as_a_url_is_never_fetched(org, client_for):
    EquipmentItemFactory(model='<img src="http://127.0.0.1:9/x.png"> url(http://127.0.0.1:9/y)')
    assert client_for(org.office_manager).get(LABELS).status_code == 200


@pytest.mark.parametrize("role", ["staff", "director", "manager"])
def test_labels_are_for_the_office_manager(org, client_for, role):
    EquipmentItemFactory()
    assert client_for(getattr(org, role)).get(LABELS).status_code == 403


def test_the_qr_codes_are_drawn_not_refused(org, client_for, caplog):
    """The fetcher reads the QR codes' data URIs (and nothing else): no image fails to load."""
    EquipmentItemFactory()
    with caplog.at_level("WARNING", logger="weasyprint"):
        assert client_for(org.office_manager).get(LABELS).status_code == 200
    assert not [record for record in caplog.records if "Failed to load image" in record.getMessage()]
