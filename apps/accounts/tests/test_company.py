"""Company details: one row, identifiers checked with python-stdnum, a logo served by the app."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from apps.accounts.models import Company
from apps.accounts.tests.factories import CompanyFactory

URL = "/accounts/company/"
LOGO_URL = "/accounts/company/logo/"

VALID = {
    "legal_name": "Atelier Rhône SAS",
    "trade_name": "Atelier Rhône",
    "legal_form": "SAS",
    "address": "12 rue de la République",
    "postal_code": "69002",
    "city": "Lyon",
    "siren": "732 829 320",
    "siret": "732 829 320 00074",
    "rcs_city": "Lyon",
    "share_capital": "10000.00",
    "vat_number": "FR 44 732829320",
    "email": "contact@atelier.example",
    "phone": "04 72 00 00 00",
}


def _image(fmt: str = "PNG", size=(40, 20), noise: bool = False) -> bytes:
    buffer = io.BytesIO()
    # Random pixels do not compress: the way to build a large but valid image.
    image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)) if noise else Image.new("RGB", size, "navy")
    image.save(buffer, format=fmt)
    return buffer.getvalue()


def test_first_save_creates_the_single_company_row_with_compacted_identifiers(org, client_for):
    response = client_for(org.office_manager).post(URL, VALID)
    assert response.status_code == 302
    company = Company.objects.get()
    assert company.pk == 1
    assert (company.siren, company.siret, company.vat_number) == ("732829320", "73282932000074", "FR44732829320")


def test_saving_again_updates_the_same_row(org, client_for):
    CompanyFactory()
    client_for(org.office_manager).post(URL, {**VALID, "legal_name": "Atelier Saône SAS"})
    assert Company.objects.count() == 1
    assert Company.objects.get().legal_name == "Atelier Saône SAS"


@pytest.mark.parametrize(
    ("field", "value"),
    [("siren", "732829321"), ("siret", "73282932000075"), ("vat_number", "FR45732829320"), ("siren", "12345")],
)
def test_invalid_identifiers_are_rejected_with_a_field_error_and_nothing_saved(org, client_for, field, value):
    response = client_for(org.office_manager).post(URL, {**VALID, field: value})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Company.objects.exists()


def test_a_siret_of_another_company_is_rejected(org, client_for):
    # A valid SIRET (La Poste's head office) that does not start with our SIREN.
    response = client_for(org.office_manager).post(URL, {**VALID, "siret": "35600000000048"})
    assert response.status_code == 200
    assert "siret" in response.context["form"].errors
    assert not Company.objects.exists()


def test_a_vat_number_of_another_company_is_rejected(org, client_for):
    response = client_for(org.office_manager).post(URL, {**VALID, "vat_number": "FR39356000000"})
    assert response.status_code == 200
    assert "vat_number" in response.context["form"].errors
    assert not Company.objects.exists()


def test_rejected_input_is_not_shown_as_saved(org, client_for):
    CompanyFactory()
    response = client_for(org.office_manager).post(URL, {**VALID, "legal_name": "Changed", "siren": "1"})
    assert response.context["company"].legal_name == "Atelier Rhône SAS"
    assert Company.objects.get().legal_name == "Atelier Rhône SAS"


def test_a_png_logo_is_saved_and_served_to_any_signed_in_person(org, client_for):
    office = client_for(org.office_manager)
    logo = SimpleUploadedFile("Mon logo.PNG", _image("PNG"), content_type="image/png")
    assert office.post(URL, {**VALID, "logo": logo}).status_code == 302
    company = Company.objects.get()
    assert company.logo.name.endswith(".png")
    assert b"company-logo" in office.get(URL).content

    response = client_for(org.staff).get(LOGO_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_a_jpeg_named_png_is_stored_as_jpeg(org, client_for):
    logo = SimpleUploadedFile("logo.png", _image("JPEG"), content_type="image/png")
    client_for(org.office_manager).post(URL, {**VALID, "logo": logo})
    assert Company.objects.get().logo.name.endswith(".jpg")


def test_the_logo_can_be_removed(org, client_for):
    office = client_for(org.office_manager)
    office.post(URL, {**VALID, "logo": SimpleUploadedFile("l.webp", _image("WEBP"), content_type="image/webp")})
    assert Company.objects.get().logo
    office.post(URL, {**VALID, "remove_logo": "on"})
    assert not Company.objects.get().logo
    assert office.get(LOGO_URL).status_code == 404


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("logo.gif", _image("GIF")),
        ("logo.png", b"not an image at all"),
    ],
)
def test_other_file_types_are_refused_with_a_clear_message(office, name, content):
    response = office.post(URL, {**VALID, "logo": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert "PNG, JPEG or WebP" in " ".join(response.context["form"].errors["logo"])
    assert not Company.objects.exists()


def test_a_logo_over_2_mb_is_refused(office):
    content = _image("PNG", size=(1000, 1000), noise=True)
    assert len(content) > 2 * 1024 * 1024
    response = office.post(URL, {**VALID, "logo": SimpleUploadedFile("big.png", content)})
    assert response.status_code == 200
    assert "2 MB" in " ".join(response.context["form"].errors["logo"])
    assert not Company.objects.exists()


def test_logo_is_404_when_there_is_none(org, client_for):
    assert client_for(org.staff).get(LOGO_URL).status_code == 404
    CompanyFactory()
    assert client_for(org.staff).get(LOGO_URL).status_code == 404
