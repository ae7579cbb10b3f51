"""The compliance pages in a real browser, in French, at desktop and phone widths: no serious axe-core
violation, a document uploaded through the form. ``SCREENSHOT_DIR=...`` keeps screenshots."""

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from apps.accounts.models import User
from apps.core.tests.axe import serious_violations
from apps.core.tests.browser import sign_in
from apps.suppliers.models import ComplianceDocument, DocumentKind
from apps.suppliers.tests.compliance_helpers import pdf_bytes
from apps.suppliers.tests.factories import (
    ComplianceDocumentFactory,
    ContractFactory,
    InteractionFactory,
    SupplierFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR")
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}


def _shot(page, name: str) -> None:
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SCREENSHOT_DIR}/{name}.png", full_page=True)


def test_the_compliance_pages(org, live_server, page, tmp_path):
    User.objects.update(language="fr")
    today = dt.date.today()
    supplier = SupplierFactory(name="Nettoyage Pro Lyon")
    contract = ContractFactory(
        supplier=supplier,
        subject="Ménage des bureaux",
        starts_on=today - dt.timedelta(days=300),
        ends_on=today + dt.timedelta(days=100),
        amount_per_year=Decimal("9600"),
    )
    ContractFactory(supplier=supplier, subject="Vitres", tacit_renewal=False, ends_on=today + dt.timedelta(days=400))
    ComplianceDocumentFactory(
        supplier=supplier,
        kind=DocumentKind.KBIS,
        issued_on=today - dt.timedelta(days=80),
        expires_on=today + dt.timedelta(days=10),
    )
    other = SupplierFactory(name="Sécurité Rhône")
    ContractFactory(supplier=other, subject="Gardiennage", amount_per_year=Decimal("30000"),
                    ends_on=today + dt.timedelta(days=500))  # fmt: skip
    InteractionFactory(supplier=supplier, follow_up_on=today, by=org.office_manager)
    sign_in(page, live_server, org.office_manager)
    pages = {
        "compliance": reverse("suppliers:compliance"),
        "contract_list": reverse("suppliers:contract_list"),
        "documents": reverse("suppliers:documents", args=[supplier.pk]),
        "contracts": reverse("suppliers:contracts", args=[supplier.pk]),
        "contract_edit": reverse("suppliers:contract_edit", args=[supplier.pk, contract.pk]),
        "contract_terminate": reverse("suppliers:contract_terminate", args=[supplier.pk, contract.pk]),
    }
    found = []
    for name, path in pages.items():
        for size, label in ((DESKTOP, "desktop"), (PHONE, "phone")):
            page.set_viewport_size(size)
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200, path
            found += serious_violations(page, f"{path} at {size['width']} px")
            _shot(page, f"compliance-{name}-{label}")
    assert found == [], "\n".join(map(str, found))

    # Upload a certificate of vigilance through the form.
    pdf = tmp_path / "attestation.pdf"
    pdf.write_bytes(pdf_bytes())
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}{pages['documents']}")
    form = page.locator("[data-testid=document-form]")
    form.locator("select[name=kind]").select_option(DocumentKind.VIGILANCE)
    form.locator("input[name=issued_on]").fill(today.isoformat())
    form.locator("input[name=file]").set_input_files(str(pdf))
    form.locator("[type=submit]").click()
    page.wait_for_load_state("load")
    assert ComplianceDocument.objects.filter(supplier=supplier, kind=DocumentKind.VIGILANCE).exists()
    assert "Le document a été enregistré." in page.content()
    _shot(page, "compliance-documents-after-upload")
