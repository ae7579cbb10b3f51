"""The issue's browser test: a staff member fills a basket from the catalogue (search, add with HTMX),
adds something not in it, sends the request; the office manager approves part of it on the request
page, and the requester's page shows the outcome. ``SCREENSHOT_DIR=...`` keeps screenshots."""

import datetime as dt
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from apps.accounts.models import User
from apps.core.tests.browser import sign_in
from apps.suppliers.tests.factories import SupplierFactory
from apps.supplies.models import LineDecision, RequestStatus, SupplyRequest
from apps.supplies.services import stock_receive
from apps.supplies.tests.factories import CatalogueItemFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR")
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 900}


def _shot(page, name: str) -> None:
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SCREENSHOT_DIR}/{name}.png", full_page=True)


@pytest.fixture
def catalogue(org):
    User.objects.update(language="fr")
    chair = CatalogueItemFactory(name="Fauteuil ergonomique Flexi", category="furniture", unit="piece",
                                 unit_price=Decimal("189.00"), supplier=SupplierFactory(name="Bruneau"))  # fmt: skip
    paper = CatalogueItemFactory(name="Ramette papier A4 80 g", unit_price=Decimal("4.20"))
    CatalogueItemFactory(name="Stylo bille bleu", category="writing", unit_price=Decimal("0.45"))
    stock_receive(item=paper, site=org.site, quantity=20, by=org.office_manager)
    stock_receive(item=chair, site=org.site, quantity=1, by=org.office_manager)
    return {"chair": chair, "paper": paper}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_staff_basket_approved_in_part_by_the_office_manager(live_server, page, org, catalogue, viewport):
    page.set_viewport_size(viewport)
    size = viewport["width"]
    sign_in(page, live_server, org.staff)
    page.goto(f"{live_server.url}/supplies/?q=ramette")
    paper = page.get_by_test_id("shop-item").filter(has_text="Ramette papier A4 80 g")
    paper.get_by_label(re.compile("Quantité de Ramette", re.I)).fill("5")
    paper.get_by_role("button", name=re.compile("Ajouter", re.I)).click()
    page.get_by_test_id("basket-count").filter(has_text="1").wait_for()  # swapped in by HTMX, no reload
    page.goto(f"{live_server.url}/supplies/?q=fauteuil")
    chair = page.get_by_test_id("shop-item").filter(has_text="Fauteuil ergonomique Flexi")
    chair.get_by_role("button", name=re.compile("Ajouter", re.I)).click()
    page.get_by_test_id("basket-count").filter(has_text="2").wait_for()
    _shot(page, f"shop-{size}")

    page.get_by_test_id("basket-link").click()
    free = page.get_by_test_id("free-line-form")
    free.get_by_label(re.compile("De quoi avez-vous besoin", re.I)).fill("Repose-pieds réglable")
    free.get_by_label(re.compile("Prix unitaire estimé", re.I)).fill("45.90")
    free.get_by_role("button", name=re.compile("Ajouter au panier", re.I)).click()
    assert page.get_by_test_id("basket-line").count() == 3
    page.get_by_label(re.compile("Pourquoi en avez-vous besoin", re.I)).fill("Poste de travail de la nouvelle arrivée")
    page.get_by_label(re.compile("Pour le", re.I)).fill((timezone.localdate() + dt.timedelta(days=10)).isoformat())
    _shot(page, f"basket-{size}")
    page.get_by_test_id("send-request").click()
    page.wait_for_url(re.compile(r"/supplies/requests/"))

    request = SupplyRequest.objects.get(requester=org.staff)
    assert request.status == RequestStatus.PENDING and request.total_excl_vat == Decimal("255.90")
    sign_in(page, live_server, org.office_manager)
    page.goto(f"{live_server.url}/inbox/")
    _shot(page, f"inbox-{size}")
    page.locator(f'a[href="/supplies/requests/{request.pk}/"]').first.click()
    page.wait_for_url(re.compile(rf"/supplies/requests/{request.pk}/"))
    footrest = request.lines.get(description="Repose-pieds réglable")
    page.locator(f"#approve-line-{footrest.pk}").uncheck()
    _shot(page, f"decide-{size}")
    page.get_by_role("button", name=re.compile("approuver que les lignes cochées", re.I)).click()
    page.get_by_test_id("request-status").filter(has_text=re.compile("Prête|Prêt", re.I)).wait_for()

    request.refresh_from_db()
    assert request.status == RequestStatus.READY  # the two catalogue lines were in stock: issued
    assert footrest.__class__.objects.get(pk=footrest.pk).decision == LineDecision.REFUSED
    assert catalogue["paper"].stocks.get(site=org.site).quantity == 15

    sign_in(page, live_server, org.staff)
    page.goto(f"{live_server.url}/supplies/requests/mine/")
    _shot(page, f"mine-{size}")
    assert page.get_by_text(re.compile("Prête", re.I)).first.is_visible()
