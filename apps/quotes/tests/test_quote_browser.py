"""In a browser: the office manager types a line and the totals follow (computed by the server), adds it
with HTMX (no reload), moves it; the list and a 40-line quote with sections pass axe at desktop and phone
widths. ``SCREENSHOT_DIR=...`` keeps screenshots."""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.core.tests.browser import axe_at_both_widths, sign_in
from apps.quotes.services import lines as line_services
from apps.quotes.services import quotes as quote_services
from apps.quotes.tests.factories_editor import CatalogueEntryFactory, ClientFactory, ContactFactory, issued

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _forty_lines(org, client):
    by = org.office_manager
    quote = quote_services.quote_create(
        by=by, client=client, subject="Réaménagement du plateau, 2e étage", deposit_percent=Decimal("30")
    )
    for n in range(40):
        if n % 8 == 0:
            line_services.line_add(document=quote, by=by, kind="section", description=f"Lot {n // 8 + 1} : travaux")
        elif n % 8 == 7:
            line_services.line_add(document=quote, by=by, kind="text", description="Fournitures comprises.")
        else:
            line_services.line_add(
                document=quote,
                by=by,
                description=f"Poste {n} : cloison vitrée, pose et finitions",
                quantity=str(n % 5 + 1),
                unit="m²",
                unit_price=f"{40 + n}.50",
                vat_rate="10" if n % 3 else "20",
            )
    return quote


def test_typing_a_line_updates_the_totals_and_htmx_adds_it(live_server, page, org):
    client = ClientFactory(name="Cabinet Durand & Associés")
    ContactFactory(client=client, name="Claire Durand", is_primary=True)
    CatalogueEntryFactory(name="Audit du poste de travail", unit="jour", unit_price=Decimal("650"))
    quote = _forty_lines(org, client)
    other = quote_services.quote_create(by=org.office_manager, client=client, subject="Moquette")
    issued(other, number="DEV-2026-0012")
    sign_in(page, live_server, org.office_manager)

    page.goto(live_server.url + reverse("quotes:quote_list"))
    violations = axe_at_both_widths(page, "list", prefix="quotes")

    small = quote_services.quote_create(by=org.office_manager, client=client, subject="Petit devis")
    page.goto(live_server.url + small.get_absolute_url())
    page.get_by_label("Description").first.fill("Nettoyage <b>vitres</b>")
    page.get_by_label("Quantity").first.fill("0.335")
    page.get_by_label("Unit price excl. VAT (€)").fill("3")
    totals = page.locator("#live-totals [data-testid=total-incl]")
    totals.filter(has_text="1.21").wait_for()  # 3 × 0.335 = 1.01 HT, VAT 0.20: the server's figures
    violations += axe_at_both_widths(page, "line-editor", prefix="quotes")
    page.get_by_role("button", name="Add the line").click()
    page.locator("[data-testid=line]", has_text="Nettoyage <b>vitres</b>").wait_for()
    assert page.url.endswith(small.get_absolute_url())  # swapped in place, no reload
    page.get_by_role("textbox", name="Text", exact=True).fill("Lot unique")
    page.get_by_role("button", name="Add the text").click()
    page.locator("[data-testid=section]", has_text="Lot unique").wait_for()
    page.get_by_role("button", name="Move “Lot unique” up").click()
    page.locator("[data-testid=line]").first.filter(has_text="Lot unique").wait_for()

    page.goto(live_server.url + reverse("quotes:quote_edit", args=[small.pk]))
    page.get_by_label("Global discount (%)").fill("10")
    # 1.01 − 0.10 = 0.91 HT, VAT 0.18: 1.09 TTC, recomputed by the server as the discount is typed.
    page.locator("#live-totals [data-testid=total-incl]").filter(has_text="1.09").wait_for()
    violations += axe_at_both_widths(page, "header-edit", prefix="quotes")

    page.goto(live_server.url + quote.get_absolute_url())
    violations += axe_at_both_widths(page, "detail-40-lines", prefix="quotes")
    sign_in(page, live_server, org.director)
    page.goto(live_server.url + quote.get_absolute_url())
    assert page.locator("[data-testid=line-editor]").count() == 0
    violations += axe_at_both_widths(page, "detail-director", prefix="quotes")
    assert not violations, "\n".join(violations)
