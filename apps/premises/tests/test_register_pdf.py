"""The printable register, what an inspector asks to see: a PDF of all sites or one, with the company,
each check's history (date, result, remarks, who did it) and its supplier, the print date and the page
numbers. Office managers and directors get it; staff do not."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from apps.accounts.models import User
from apps.accounts.tests.factories import CompanyFactory, SiteFactory
from apps.premises.models import CheckRecord, CheckResult
from apps.premises.tests.factories import CheckItemFactory

pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture(autouse=True)
def _english(org):
    User.objects.update(language="en")


@pytest.fixture
def register(org):
    CompanyFactory(legal_name="Atelier Rhône SAS", address="12 rue de la République", postal_code="69002")
    item = CheckItemFactory(site=org.site, name="Extincteurs du hall", supplier="Sicli Lyon")
    CheckRecord.objects.create(
        item=item,
        done_on=dt.date(2026, 2, 10),
        done_by="Sicli Lyon (M. Martin)",
        result=CheckResult.OBSERVATIONS,
        to_fix="Étiquette <illisible> à remplacer",
        recorded_by=org.office_manager,
    )
    other_site = SiteFactory(name="Annecy", city="Annecy")
    CheckItemFactory(site=other_site, name="Désenfumage Annecy", supplier="Desautel")
    return item


def pdf_text(response) -> str:
    """The PDF's words, a space between each (a table cell may wrap a label over two lines)."""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    return " ".join(text.split())


@pytest.mark.parametrize("role", ["office_manager", "director"])
def test_the_register_of_one_site_as_a_pdf(org, register, client_for, role):
    response = client_for(getattr(org, role)).get(reverse("premises:register_pdf_site", args=[org.site.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response)
    for expected in (
        "Atelier Rhône SAS",
        "12 rue de la République, 69002 Lyon",
        "Extincteurs du hall",
        "Compliant with observations",
        "10/02/2026",  # day, month, year in English too
        "Étiquette <illisible> à remplacer",
        "Sicli Lyon (M. Martin)",  # who did it
        "Sicli Lyon",  # the responsible supplier
        "Printed on 2 March 2026",
        "page 1 / 1",
    ):
        assert expected in text, expected
    assert "Désenfumage Annecy" not in text


def test_the_register_of_all_sites(org, register, client_for):
    response = client_for(org.office_manager).get(reverse("premises:register_pdf"))
    text = pdf_text(response)
    assert "Extincteurs du hall" in text and "Désenfumage Annecy" in text
    assert "1 / " in text and "2 / 2" in text  # each site on its own page


def test_a_long_register_is_numbered_on_every_page(org, client_for):
    for n in range(40):
        CheckItemFactory(site=org.site, name=f"Check {n:02d}", legal_reference="Code du travail R4227-39")
    reader = PdfReader(io.BytesIO(client_for(org.office_manager).get(reverse("premises:register_pdf")).content))
    pages = len(reader.pages)
    assert pages > 1
    for number, page in enumerate(reader.pages, start=1):
        assert f"page {number} / {pages}" in page.extract_text()


def test_the_register_pdf_in_french(org, register, client_for):
    User.objects.update(language="fr")
    text = pdf_text(client_for(org.director).get(reverse("premises:register_pdf_site", args=[org.site.pk])))
    assert "Registre de sécurité" in text or "Registre" in text
    assert "Imprimé le 2 mars 2026" in text
    assert "page 1 / 1" in text


def test_staff_get_no_register_pdf(org, register, client, client_for):
    urls = [reverse("premises:register_pdf"), reverse("premises:register_pdf_site", args=[org.site.pk])]
    for url in urls:
        assert client.get(url).status_code == 302  # anonymous: to the sign-in page
    for url in urls:
        assert client_for(org.staff).get(url).status_code == 403
        assert client_for(org.office_manager).post(url).status_code == 405


def test_an_unknown_site_is_a_404(org, register, client_for):
    assert client_for(org.director).get(reverse("premises:register_pdf_site", args=[999999])).status_code == 404


def test_the_register_page_links_to_the_pdfs(org, register, client_for):
    html = client_for(org.director).get(reverse("premises:register")).content.decode()
    assert reverse("premises:register_pdf_site", args=[org.site.pk]) in html
    assert reverse("premises:register_pdf") in html


def test_the_pdf_costs_the_same_queries_for_many_checks(org, register, client_for, django_assert_max_num_queries):
    for n in range(30):
        item = CheckItemFactory(site=org.site, name=f"Check {n}")
        CheckRecord.objects.create(
            item=item, done_on=dt.date(2026, 1, 5), done_by="X", result="compliant", recorded_by=org.office_manager
        )
    client = client_for(org.office_manager)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("premises:register_pdf")).status_code == 200


@pytest.mark.parametrize("site_pk", ["99999999999999999999", "0"])
def test_a_hostile_site_id_is_a_404_not_a_server_error(org, register, client_for, site_pk):
    client = client_for(org.office_manager)
    client.raise_request_exception = False
    assert client.get(f"/premises/register/{site_pk}/pdf/").status_code == 404


def test_hostile_text_is_printed_as_text(org, client_for):
    CheckItemFactory(site=org.site, name='<img src="http://evil.test/x.png"> Lift', supplier="<b>Acme</b>")
    text = pdf_text(client_for(org.office_manager).get(reverse("premises:register_pdf")))
    assert '<img src="http://evil.test/x.png"> Lift' in text and "<b>Acme</b>" in text
