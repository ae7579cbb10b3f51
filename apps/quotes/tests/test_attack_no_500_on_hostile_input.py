"""Never a 500: every write form of the quotes app posted with hostile values (absurd numbers, NaN,
Infinity, 1e400, impossible dates, control characters, 100,000 characters, header injection) answers a
form error or a redirect, and a GET with hostile filters or a huge page number answers 200 (the #15
attack review's fuzzing, kept as a regression test)."""

import uuid

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from apps.quotes.services import invoices as invoice_services
from apps.quotes.services.issue import quote_issue
from apps.quotes.tests.factories_invoices import accepted_quote, blank_pdf
from apps.quotes.tests.factories_issue import ready_quote

pytestmark = pytest.mark.django_db

NUMBERS = ["-1", "1e400", "NaN", "-Infinity", "99999999999999999999", "100.001"]
DATES = ["0001-01-01", "9999-12-31", "2026-02-30", "10000-01-01"]
TEXTS = ["\x00", "a\x0bb\x01<x>]]>&", "x" * 100_000, "a\r\nBcc: evil@example.com"]
IDS = ["0", "-1", "99999999999999999999", "abc"]


@pytest.fixture
def world(org, monkeypatch):
    monkeypatch.setattr("apps.quotes.facturx.base_pdf", blank_pdf)
    by = org.office_manager
    draft = ready_quote(by=by)
    issued = quote_issue(quote=ready_quote(by=by), by=by)
    invoice_draft = invoice_services.invoice_from_quote(quote=accepted_quote(number="DEV-2025-0101"), by=by)
    invoice = invoice_services.invoice_issue(
        invoice=invoice_services.invoice_from_quote(quote=accepted_quote(number="DEV-2025-0102"), by=by), by=by
    )
    return {"by": by, "draft": draft, "issued": issued, "invoice_draft": invoice_draft, "invoice": invoice}


def _forms(world):
    draft, issued, invoice = world["draft"], world["issued"], world["invoice"]
    line = draft.lines.first()
    item = invoice.lines.filter(kind="item").first()
    header = {"client": draft.client_id, "subject": "S", "validity_days": "30"}
    priced = {
        "line-description": "x",
        "line-quantity": "1",
        "line-unit_price": "1",
        "line-vat_rate": "20",
        "line-discount_percent": "0",
    }
    return [
        ("quotes:quote_edit", [draft.pk], header, {"validity_days": NUMBERS, "discount_percent": NUMBERS,
                                                   "start_date": DATES, "contact": IDS, "notes": TEXTS}),
        ("quotes:quote_line_add", [draft.pk], priced, {"line-quantity": NUMBERS, "line-unit_price": NUMBERS,
                                                       "line-vat_rate": NUMBERS, "line-discount_percent": NUMBERS,
                                                       "line-description": TEXTS}),
        ("quotes:quote_line_edit", [draft.pk, line.pk], priced, {"line-quantity": NUMBERS, "line-description": TEXTS}),
        ("quotes:quote_accept", [issued.pk], {}, {"accepted_on": DATES}),
        ("quotes:quote_decline", [issued.pk], {"reason": "r"}, {"declined_on": DATES, "reason": TEXTS}),
        ("quotes:invoice_create_from_quote", [world["invoice_draft"].quote_id], {"kind": "deposit", "percent": "10"},
         {"percent": NUMBERS}),
        ("quotes:invoice_edit", [world["invoice_draft"].pk], {"subject": "S"}, {"contact": IDS, "notes": TEXTS}),
        ("quotes:invoice_payment", [invoice.pk], {"paid_on": "2026-01-01", "amount": "1", "method": "transfer"},
         {"amount": NUMBERS, "paid_on": DATES, "reference": TEXTS, "method": TEXTS}),
        ("quotes:credit_note_create", [invoice.pk], {}, {f"qty_{item.pk}": NUMBERS}),
    ]  # fmt: skip


def test_hostile_posts_never_answer_a_500(world):
    browser = HttpClient(raise_request_exception=False)
    browser.force_login(world["by"])
    failures = []
    for name, args, base, hostile in _forms(world):
        url = reverse(name, args=args)
        for field, values in hostile.items():
            for value in values:
                data = {**base, "token": str(uuid.uuid4()), field: value}
                status = browser.post(url, data).status_code
                if status >= 500:
                    failures.append((name, field, value[:20], status))
    assert not failures


def test_hostile_filters_and_pages_never_answer_a_500(world):
    browser = HttpClient(raise_request_exception=False)
    browser.force_login(world["by"])
    failures = []
    for name in ("quotes:quote_list", "quotes:invoice_list", "quotes:client_list", "quotes:catalogue"):
        for key in ("page", "q", "status", "client", "year", "tab"):
            for value in ["999999999", "-1", "1e400", "\x00", "x" * 5000]:
                status = browser.get(reverse(name), {key: value}).status_code
                if status != 200:
                    failures.append((name, key, value[:20], status))
    live = reverse("quotes:quote_totals", args=[world["draft"].pk])
    for value in NUMBERS:
        if browser.get(live, {"discount_percent": value, "line-quantity": value}).status_code >= 500:
            failures.append(("quote_totals", value))
    assert not failures
