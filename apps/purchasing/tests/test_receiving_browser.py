"""In a real browser: the office manager makes a draft from an approved request, then receives a sent
order in two deliveries and is offered to rate the supplier; the pages pass axe at both widths."""

import datetime as dt
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.core.tests.axe import serious_violations
from apps.purchasing.models import OrderStatus, PurchaseOrder
from apps.purchasing.tests.factories import OrderLineFactory, PurchaseOrderFactory
from apps.suppliers.tests.factories import SupplierFactory
from apps.supplies.models import LineDecision, RequestStatus, SiteStock
from apps.supplies.tests.factories import CatalogueItemFactory, RequestLineFactory, SupplyRequestFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _shot(page, name: str) -> None:
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SCREENSHOT_DIR}/{name}.png", full_page=True)


def _log_in(page, base_url, user):
    page.context.clear_cookies()
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label(re.compile("adresse e-mail|e-mail address", re.I)).fill(user.email)
    page.get_by_label(re.compile("mot de passe|password", re.I)).fill("password")
    page.get_by_role("button", name=re.compile("se connecter|log in", re.I)).click()
    page.wait_for_load_state("load")


def _axe(page, label):
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        assert serious_violations(page, f"{label} at {size['width']} px") == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_order_from_a_request_then_receive_in_two_deliveries(live_server, page, org, viewport):
    User.objects.update(language="fr")
    office = org.office_manager
    office.set_password("password")
    office.language = "fr"
    office.save()
    lyreco = SupplierFactory(name="Lyreco")
    paper = CatalogueItemFactory(name="Ramette papier A4", supplier=lyreco, unit_price=Decimal("4.20"))
    request = SupplyRequestFactory(requester=org.staff, site=org.site, status=RequestStatus.APPROVED)
    RequestLineFactory(request=request, item=paper, quantity=3, decision=LineDecision.APPROVED)
    RequestLineFactory(
        request=request, item=None, description="Lampe design", quantity=1, decision=LineDecision.APPROVED
    )
    page.set_viewport_size(viewport)
    _log_in(page, live_server.url, office)
    page.goto(f"{live_server.url}{reverse('purchasing:from_requests')}")
    _shot(page, f"to-order-{viewport['width']}")
    _axe(page, "from_requests")
    page.set_viewport_size(viewport)
    page.get_by_role("button", name=re.compile("Établir les bons de commande")).click()
    page.wait_for_load_state("load")
    draft = PurchaseOrder.objects.get()
    assert draft.status == OrderStatus.DRAFT and draft.lines.get().quantity == 3

    order = PurchaseOrderFactory(
        supplier=lyreco,
        site=org.site,
        status=OrderStatus.SENT,
        number="BC-2026-0003",
        year=2026,
        sent_at=timezone.now() - dt.timedelta(days=1),
        created_by=office,
    )
    line = OrderLineFactory(order=order, item=paper, description=paper.name, quantity=10)
    OrderLineFactory(order=order, item=None, description="Fauteuil sur mesure", quantity=2, position=1)
    page.goto(f"{live_server.url}{reverse('purchasing:order_receive', args=[order.pk])}")
    _shot(page, f"receive-{viewport['width']}")
    _axe(page, "order_receive")
    page.set_viewport_size(viewport)
    page.locator(f"#id_line_{line.pk}").fill("12")
    page.get_by_role("button", name=re.compile("Enregistrer la livraison")).click()
    page.wait_for_load_state("load")
    assert "encore attendus" in page.content()
    _shot(page, f"receive-error-{viewport['width']}")
    _axe(page, "order_receive with errors")
    page.set_viewport_size(viewport)
    page.locator(f"#id_line_{line.pk}").fill("4")
    page.get_by_label("N° du bon de livraison").fill("BL-0042")
    page.get_by_role("button", name=re.compile("Enregistrer la livraison")).click()
    page.wait_for_load_state("load")
    assert page.get_by_test_id("rate-offer").is_visible()
    _shot(page, f"received-{viewport['width']}")
    _axe(page, "order_receive after a delivery")
    assert SiteStock.objects.get(item=paper, site=org.site).quantity == 4
