"""In a browser: the client list, a client's page, the client form (with its errors), the catalogue and
the settings pass axe at desktop and phone widths; the search updates the rows without a reload; the
director's client page offers no write. ``SCREENSHOT_DIR=...`` keeps screenshots."""

import pytest
from django.urls import reverse

from apps.core.tests.browser import axe_at_both_widths, sign_in
from apps.quotes.models import InvoiceKind, InvoiceStatus, QuoteStatus
from apps.quotes.tests.factories_clients import (
    VALID_SIREN,
    VALID_SIRET,
    VALID_VAT,
    CatalogueEntryFactory,
    ClientContactFactory,
    ClientFactory,
    HistoryInvoiceFactory,
    HistoryQuoteFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _a_client_with_history(org):
    client = ClientFactory(
        name="Menuiserie Favre et Fils", siret=VALID_SIRET, siren=VALID_SIREN, vat_number=VALID_VAT, notes="Fidèle"
    )
    ClientContactFactory(client=client, name="Hélène Dumas", is_primary=True)
    ClientContactFactory(client=client, name="Marc Favre")
    for status in (QuoteStatus.DRAFT, QuoteStatus.ACCEPTED):
        fields = {} if status == QuoteStatus.DRAFT else {"number": "DEV-2026-0012", "year": 2026}
        HistoryQuoteFactory(
            client=client,
            created_by=org.office_manager,
            status=status,
            issue_date=None if status == QuoteStatus.DRAFT else "2026-11-04",
            valid_until=None if status == QuoteStatus.DRAFT else "2026-12-04",
            subject="Rénovation du hall d'entrée et des escaliers",
            **fields,
        )
    HistoryInvoiceFactory(
        client=client,
        created_by=org.office_manager,
        kind=InvoiceKind.DEPOSIT,
        status=InvoiceStatus.PAID,
        number="FAC-2026-0031",
        year=2026,
        issue_date="2026-11-20",
    )
    return client


def test_the_client_pages_pass_axe_and_the_search_swaps_the_rows(live_server, page, org):
    client = _a_client_with_history(org)
    for n in range(12):
        ClientFactory(name=f"Société cliente n°{n}", city="Villeurbanne")
    CatalogueEntryFactory(name="Journée de pose")
    sign_in(page, live_server, org.office_manager)
    found = []

    page.goto(live_server.url + reverse("quotes:client_list"))
    found += axe_at_both_widths(page, "list", prefix="clients")
    page.evaluate("window.notReloaded = true")
    page.get_by_label("Search").first.fill("Favre")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**q=Favre**")
    assert page.locator("[data-testid=client-row]").count() == 1
    assert page.evaluate("window.notReloaded === true"), "the search reloaded the page instead of swapping rows"

    page.goto(live_server.url + reverse("quotes:client_detail", args=[client.pk]))
    found += axe_at_both_widths(page, "detail", prefix="clients")

    page.goto(live_server.url + reverse("quotes:client_create"))
    page.get_by_label("Name").first.fill("Copie")
    page.get_by_label("SIRET").fill("356 000 000 00048")
    page.locator("form[data-testid=client-form] button[type=submit]").click()
    page.wait_for_load_state("load")
    assert page.locator("[data-testid=duplicate] a").get_attribute("href") == client.get_absolute_url()
    found += axe_at_both_widths(page, "form-with-errors", prefix="clients")

    for name in ("quotes:catalogue", "quotes:catalogue_create", "quotes:settings"):
        page.goto(live_server.url + reverse(name))
        found += axe_at_both_widths(page, name.split(":")[1], prefix="clients")
    assert found == [], "\n".join(["axe-core: serious or critical violations", *map(str, found)])


def test_the_directors_client_page_passes_axe_and_offers_no_write(live_server, page, org):
    client = _a_client_with_history(org)
    sign_in(page, live_server, org.director)
    page.goto(live_server.url + reverse("quotes:client_detail", args=[client.pk]))
    found = axe_at_both_widths(page, "detail-director", prefix="clients")
    assert found == [], "\n".join(map(str, found))
    assert page.locator("[data-testid=client-actions], [data-testid=add-contact]").count() == 0
    assert page.locator("main form[method=post]").count() == 0
