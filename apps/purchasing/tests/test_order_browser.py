"""In a browser: the office manager adds lines to a draft with HTMX (no reload), sends it; the director
decides one above the threshold; every order page passes axe at desktop and phone widths.
``SCREENSHOT_DIR=...`` keeps screenshots."""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.core.tests.browser import axe_at_both_widths, sign_in
from apps.purchasing.models import OrderStatus
from apps.purchasing.services import orders as services
from apps.purchasing.tests._orders import draft, sent
from apps.supplies.tests.factories import CatalogueItemFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_lines_with_htmx_sending_and_the_directors_decision(live_server, page, org):
    item = CatalogueItemFactory(name="Ramette A4 80 g", unit_price=Decimal("4.20"), vat_rate=Decimal("20.00"))
    order = draft(org, lines=[(2, "19.99", "10.00")], notes="Livrer à l'accueil, 2e étage")
    shipped = sent(org)
    awaiting = services.order_submit(order=draft(org, lines=[(100, "90.00", "20.00")]), by=org.office_manager)
    violations = []

    sign_in(page, live_server, org.office_manager)
    page.goto(f"{live_server.url}{reverse('purchasing:order_lines', args=[order.pk])}")
    page.evaluate("() => { window.notReloaded = true; }")
    page.get_by_label("Catalogue item").select_option(value=str(item.pk))
    page.get_by_label("Quantity").fill("5")
    page.get_by_role("button", name="Add the line").click()
    page.locator("[data-testid=line]", has_text="Ramette A4 80 g").wait_for()
    assert page.evaluate("() => window.notReloaded === true")  # swapped in place
    # 2 × 19.99 = 39.98 at 10 % (4.00) + 5 × 4.20 = 21.00 at 20 % (4.20)
    assert "69.18" in page.locator("[data-testid=total-incl]").inner_text()
    page.get_by_label("Quantity").fill("-2")
    page.get_by_role("button", name="Add the line").click()
    page.locator(".invalid-feedback").first.wait_for()
    violations += axe_at_both_widths(page, "lines", prefix="orders")

    for name, path in (
        ("list", reverse("purchasing:order_list")),
        ("list-to-send", reverse("purchasing:order_list") + "?status=to_send"),
        ("create", reverse("purchasing:order_create")),
        ("edit", reverse("purchasing:order_edit", args=[order.pk])),
        ("sent", shipped.get_absolute_url()),
    ):
        page.goto(f"{live_server.url}{path}")
        violations += axe_at_both_widths(page, name, prefix="orders")

    page.goto(f"{live_server.url}{order.get_absolute_url()}")
    violations += axe_at_both_widths(page, "draft", prefix="orders")
    page.get_by_role("button", name="Send to the supplier").click()
    page.wait_for_load_state("load")
    assert page.locator("[data-testid=order-status]").inner_text().strip().startswith("Sent")
    order.refresh_from_db()
    assert order.status == OrderStatus.SENT and order.number

    sign_in(page, live_server, org.director)
    page.goto(f"{live_server.url}{awaiting.get_absolute_url()}")
    violations += axe_at_both_widths(page, "awaiting-director", prefix="orders")
    page.get_by_label("Reason").fill("Demander un second devis")
    page.get_by_role("button", name="Refuse").click()
    page.wait_for_load_state("load")
    awaiting.refresh_from_db()
    assert awaiting.status == OrderStatus.DRAFT and awaiting.refusal_reason == "Demander un second devis"
    assert violations == [], "\n".join(map(str, violations))
