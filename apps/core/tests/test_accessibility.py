"""WCAG 2.1 AA, checked with axe-core: every page each demo role can open (the authorisation matrix's
200 answers), at 1366 px and 390 px, plus the open menus and forms showing their errors, has no
serious or critical violation.

One browser page and one seeded demo company serve every role (about 300 checks), so the run stays
short; a failure lists every violation at once: the page and width, the rule and the elements.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from apps.accounts.models import Team
from apps.core.tests.authz_matrix import CASES, ROLES
from apps.core.tests.authz_world import png_bytes
from apps.core.tests.axe import Violation, serious_violations
from apps.core.tests.browser import log_in
from apps.leave import services as leave_services
from apps.leave.models import LeaveRequest, LeaveStatus, LeaveType
from apps.premises.models import Booking, CheckItem, CheckRecord, Desk, Floor, Room, Ticket
from apps.premises.tests.factories import TicketFactory
from apps.purchasing.models import RECEIVABLE_STATUSES, Budget, OrderStatus, PurchaseOrder, SupplierInvoice
from apps.purchasing.services import orders as order_services
from apps.purchasing.tests._orders import draft
from apps.purchasing.tests.factories import OrderLineFactory, PurchaseOrderFactory, SupplierInvoiceFactory
from apps.quotes.models import (
    ANSWERABLE_STATUSES,
    CatalogueEntry,
    Client,
    Invoice,
    InvoiceKind,
    InvoiceStatus,
    LineKind,
    Quote,
    QuoteStatus,
)
from apps.quotes.services import invoices as invoice_services
from apps.suppliers.models import Supplier
from apps.suppliers.tests.factories import ContactFactory, InteractionFactory, RatingFactory, SupplierFactory
from apps.supplies.models import Awaiting, CatalogueItem, EquipmentItem, InventoryCount, SupplyRequest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR")  # set it to keep pictures of the focus states
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
DEMO_ROLES = {
    "staff": "staff@example.com",
    "manager": "manager@example.com",
    "office": "office@example.com",
    "director": "director@example.com",
}
# Pages that are not for people (benchmark views, files, JSON feeds), and objects whose page is the same template as
# another key's (someone else's leave is the same detail page as staff's).
SKIPPED_NAMES = {
    "bench:floor",
    "bench:floor_anonymous",
    "core:healthz",
    "accounts:company_logo",
    "leave:calendar_events",
    "leave:request_document",
    "leave:payroll_export",
    "premises:floor_plan_image",
    "premises:ticket_photo",
    "premises:record_report",
    "premises:register_pdf",
    "premises:register_pdf_site",
    "supplies:item_photo",
    "supplies:item_thumbnail",
    "supplies:catalogue_export",
    "supplies:equipment_labels",
    "purchasing:invoice_file",
    # --- purchase orders
    "purchasing:order_pdf",
    # --- budgets: the accountant's files
    "purchasing:export_invoices_csv",
    "purchasing:export_fec",
    # --- compliance
    "suppliers:document_file",
    # --- quotes and invoices: files, and the live totals' fragment (checked inside its page)
    "quotes:quote_pdf",
    "quotes:quote_signed_copy",
    "quotes:invoice_pdf",
    "quotes:quote_totals",
}
SKIPPED_OBJECTS = re.compile(r"_of_outsider|pk=director\b|_uid\b")

# TEMPORARY: violations in the parts of issue #12 other helpers are rewriting (the leave calendar
# and leave templates: "leave"; the day grid: "bookings"; the ticket queue: "tickets"). Each entry is
# (URL name, axe rule) and is allowed at every width and for every role; remove an entry as soon as
# its part lands (the test fails on an entry that no longer matches anything, so none goes stale).
EXPECTED_ELSEWHERE: set[tuple[str, str]] = set()


def _add_what_the_demo_lacks(staff, manager) -> None:
    """A sick leave, a cancellation waiting for the manager and a repair ticket of staff's, far from the
    demo's own dates: the pages that show them are checked too."""
    monday = dt.date.today() + dt.timedelta(weeks=45)
    monday -= dt.timedelta(days=monday.weekday())

    def submit(code: str, start: dt.date, document=None) -> LeaveRequest:
        return leave_services.leave_request_submit(
            person=staff,
            leave_type=LeaveType.objects.get(code=code),
            start=start,
            end=start + dt.timedelta(days=1),
            document=document,
            submitted_by=staff,
        ).request

    if not LeaveRequest.objects.filter(person=staff, leave_type__privacy="private").exists():
        submit("MAL", monday, SimpleUploadedFile("certificate.png", png_bytes(), content_type="image/png"))
    if not LeaveRequest.objects.filter(person=staff, status=LeaveStatus.CANCELLATION_REQUESTED).exists():
        leave = leave_services.leave_request_approve(request=submit("CP", monday + dt.timedelta(weeks=1)), by=manager)
        leave_services.leave_request_cancel(request=LeaveRequest.objects.get(pk=leave.pk), by=staff)
    if not Ticket.objects.filter(reporter=staff).exists():
        TicketFactory(site=staff.site, reporter=staff)


def _demo_objects() -> dict:
    """The objects the matrix's keys name, taken from the demo company (staff's where ownership counts)."""
    users = get_user_model().objects
    staff = users.get(email=DEMO_ROLES["staff"])
    _add_what_the_demo_lacks(staff, users.get(email=DEMO_ROLES["manager"]))
    floor = Floor.objects.exclude(plan="").first() or Floor.objects.first()
    leaves = LeaveRequest.objects.filter(person=staff)
    return {
        "staff": staff,
        "director": users.get(email=DEMO_ROLES["director"]),
        "site": staff.site,
        "team": Team.objects.get(pk=staff.team_id),
        "leave_type": LeaveType.objects.get(code="CP"),
        "leave_of_staff": leaves.filter(status=LeaveStatus.PENDING).first(),
        "sick_leave_of_staff": leaves.filter(leave_type__privacy="private").first(),
        "cancellation_of_staff": leaves.filter(status=LeaveStatus.CANCELLATION_REQUESTED).first(),
        "floor": floor,
        "room": Room.objects.filter(floor=floor).first(),
        "desk": Desk.objects.filter(floor=floor).first(),
        "booking_of_staff": Booking.objects.filter(person=staff).order_by("-start").first(),
        "ticket_of_staff": Ticket.objects.filter(reporter=staff).first(),
        "register_item": CheckItem.objects.filter(site=staff.site).first(),
        "check_record": CheckRecord.objects.filter(item__site=staff.site).first(),
        "catalogue_item": CatalogueItem.objects.filter(is_active=True).first(),
        "stock_item": CatalogueItem.objects.filter(is_active=True, stocks__site=staff.site).first(),
        "inventory_count": InventoryCount.objects.filter(site=staff.site).first(),
        "equipment_of_staff": EquipmentItem.objects.filter(holder=staff).first(),
        "supply_request_of_staff": SupplyRequest.objects.filter(requester=staff).first(),
        "supply_request_for_director": SupplyRequest.objects.filter(awaiting=Awaiting.DIRECTOR).first(),
        **_supplier_directory_objects(),
        # Supplier invoices: the demo's first unpaid one, or one made here if it has none.
        "invoice_unpaid": SupplierInvoice.objects.filter(paid_on__isnull=True).first()
        or SupplierInvoiceFactory(created_by=users.get(email=DEMO_ROLES["office"])),
        **_demo_orders(users.get(email=DEMO_ROLES["office"]), staff.site),
        # --- budgets
        "budget": Budget.objects.filter(year__gte=dt.date.today().year).first()
        or Budget.objects.create(year=dt.date.today().year, category="supplies", amount=1000),
        # --- receiving (issue #14)
        **_receiving_objects(staff),
        # --- quotes and invoices (issue #15)
        **_quote_objects(users.get(email=DEMO_ROLES["office"])),
    }


# --- quotes and invoices: the demo's clients, quotes in each state and invoices (a draft invoice is
# made from an accepted quote not invoiced yet when the demo has none).
def _quote_objects(office_manager) -> dict:
    client = Client.objects.filter(is_archived=False, contacts__isnull=False).order_by("pk").first()
    draft = Quote.objects.filter(status=QuoteStatus.DRAFT, lines__kind=LineKind.ITEM).order_by("pk").first()
    answerable = Quote.objects.filter(status__in=ANSWERABLE_STATUSES).order_by("-pk")
    invoice_draft = Invoice.objects.filter(status=InvoiceStatus.DRAFT).first()
    if invoice_draft is None:
        accepted = Quote.objects.filter(status=QuoteStatus.ACCEPTED, invoices__isnull=True).first()
        invoice_draft = invoice_services.invoice_from_quote(quote=accepted, by=office_manager)
    return {
        "quote_client": client,
        "quote_client_contact": client.contacts.first(),
        "quote_catalogue_entry": CatalogueEntry.objects.filter(is_active=True).first(),
        "quote_draft": draft,
        "quote_line": draft.lines.filter(kind=LineKind.ITEM).first(),
        "quote_issued": answerable.first(),
        "quote_to_answer": answerable.first(),
        "quote_to_accept": answerable[1],
        "client_invoice": Invoice.objects.filter(kind=InvoiceKind.INVOICE, status=InvoiceStatus.ISSUED).first(),
        "client_invoice_draft": invoice_draft,
    }


# --- supplier directory: a supplier of the demo (one is added if it has none) and one of its contacts,
# with a rating and a log entry so that its pages show them.
def _supplier_directory_objects() -> dict:
    supplier = Supplier.objects.filter(is_active=True).order_by("pk").first()
    if supplier is None:
        supplier = SupplierFactory(name="Fournitures Rhône")
        office = get_user_model().objects.get(email=DEMO_ROLES["office"])
        RatingFactory(supplier=supplier, by=office)
        InteractionFactory(supplier=supplier, by=office, follow_up_on=dt.date.today())
    contact = supplier.contacts.first() or ContactFactory(supplier=supplier)
    return {"supplier": supplier, "directory_contact": contact, **_compliance_objects(supplier)}


# --- compliance: a contract of that supplier (made if it has none)
def _compliance_objects(supplier) -> dict:
    from apps.suppliers.tests.factories import ContractFactory

    return {"compliance_contract": supplier.contracts.first() or ContractFactory(supplier=supplier)}


# --- purchase orders


def _demo_orders(office_manager, site) -> dict:
    """A draft and a sent order of the demo, made when the demo has none."""
    person = SimpleNamespace(office_manager=office_manager, site=site)
    po_draft = PurchaseOrder.objects.filter(status=OrderStatus.DRAFT).first() or draft(person)
    po_sent = PurchaseOrder.objects.filter(status=OrderStatus.SENT).first()
    if po_sent is None:
        po_sent, _sent_now = order_services.order_send(order=draft(person), by=office_manager)
    return {"po_draft": po_draft, "po_sent": po_sent}


def _receiving_objects(staff) -> dict:
    """An order to receive and a draft, from the demo or, lacking them, made here."""
    orders = PurchaseOrder.objects.filter(lines__isnull=False).distinct()
    sent = orders.filter(status__in=RECEIVABLE_STATUSES).first()
    draft = orders.filter(status=OrderStatus.DRAFT).first()
    item = CatalogueItem.objects.filter(is_active=True).first()
    office = get_user_model().objects.get(email=DEMO_ROLES["office"])
    if sent is None:
        sent = PurchaseOrderFactory(
            site=staff.site, status=OrderStatus.SENT, number="BC-2099-0001", year=2099, created_by=office
        )
        OrderLineFactory(order=sent, item=item, description=item.name, quantity=10)
    if draft is None:
        draft = PurchaseOrderFactory(site=staff.site, created_by=office)
        OrderLineFactory(order=draft, item=item, description=item.name, quantity=5)
    return {"receiving_order": sent, "receiving_draft": draft}


def _pages_of(role: str, objects: dict) -> tuple[list[tuple[str, str]], list[str]]:
    """((URL name, path) of every page ``role`` may open, keys left out for want of a demo object)."""
    column = ROLES.index(role)
    pages, missing = [], []
    for case in CASES:
        if case.answers[column] != "200" or case.name in SKIPPED_NAMES or SKIPPED_OBJECTS.search(case.key):
            continue
        found = {param: objects.get(name) for param, name in case.params.items()}
        if None in found.values():
            missing.append(case.key)
            continue
        pages.append((case.name, reverse(case.name, kwargs={k: v.pk for k, v in found.items()}) + case.query))
    return pages, missing


class Checker:
    """Runs axe on the page as it is now and keeps what fails, minus the expected entries it used."""

    def __init__(self, page):
        self.page = page
        self.found: list[Violation] = []
        self.expected_seen: set[tuple[str, str]] = set()

    def check(self, name: str, state: str) -> None:
        for violation in serious_violations(self.page, state):
            if (name, violation.rule) in EXPECTED_ELSEWHERE:
                self.expected_seen.add((name, violation.rule))
            else:
                self.found.append(violation)

    def both_widths(self, name: str, path: str, label: str = "") -> None:
        """The page already loaded at desktop width, then the same page reflowed at phone width."""
        for size in (DESKTOP, PHONE):
            self.page.set_viewport_size(size)
            self.check(name, f"{path} at {size['width']} px{label}")


def _open_menus(checker: Checker, name: str, path: str) -> None:
    page = checker.page
    page.set_viewport_size(DESKTOP)
    page.locator("nav.navbar .dropdown-toggle").click()
    page.locator("nav.navbar .dropdown-menu.show").wait_for()
    checker.check(name, f"{path} at 1366 px, account menu open")
    page.keyboard.press("Escape")
    page.set_viewport_size(PHONE)
    page.locator("nav.navbar .navbar-toggler").click()
    page.locator("#mainNav.show").wait_for()
    checker.check(name, f"{path} at 390 px, main menu open")
    page.locator("nav.navbar .navbar-toggler").click()
    page.locator("#mainNav.show").wait_for(state="detached")


def _submit_with_errors(checker: Checker, base_url: str, name: str, form: str) -> None:
    """Submit the page's form empty, the browser's own checks off, and check the page with its errors."""
    page = checker.page
    path = reverse(name)
    page.set_viewport_size(DESKTOP)
    page.goto(f"{base_url}{path}")
    page.locator(form).evaluate(
        "f => { f.noValidate = true; f.querySelectorAll('input[type=text], input[type=password], textarea')"
        ".forEach(e => e.value = ''); }"
    )
    page.locator(f"{form} [type=submit]").last.click()
    page.wait_for_load_state("load")
    page.locator(".is-invalid, .invalid-feedback, .errorlist").first.wait_for()
    checker.both_widths(name, path, ", form with errors")


def test_every_page_of_every_demo_role_passes_axe(live_server, page):
    call_command("seed_demo", verbosity=0)
    objects = _demo_objects()
    checker = Checker(page)
    missing = set()
    page.goto(f"{live_server.url}/accounts/login/")
    checker.both_widths("accounts:login", "/accounts/login/", " (anonymous)")
    for role, email in DEMO_ROLES.items():
        log_in(page, live_server.url, email)
        pages, left_out = _pages_of(role, objects)
        missing.update(left_out)
        for index, (name, path) in enumerate(pages):
            page.set_viewport_size(DESKTOP)
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200, (role, path)
            assert "text/html" in response.headers.get("content-type", ""), (role, path)
            checker.both_widths(name, path, f" ({role})")
            if index == 0:
                _open_menus(checker, name, path)
    log_in(page, live_server.url, DEMO_ROLES["staff"])
    _submit_with_errors(checker, live_server.url, "accounts:password_change", "main form[method=post]")
    _submit_with_errors(checker, live_server.url, "premises:ticket_new", "main form[method=post]")

    assert checker.found == [], "\n".join(["axe-core: serious or critical violations", *map(str, checker.found)])
    stale = EXPECTED_ELSEWHERE - checker.expected_seen
    assert stale == set(), f"expected violations no longer found (remove them): {sorted(stale)}"
    assert missing == set(), f"no demo object for {sorted(missing)}"


def _outline(locator) -> str:
    return locator.evaluate("e => { const s = getComputedStyle(e); return s.outlineStyle + ' ' + s.outlineWidth; }")


def test_focus_is_clearly_visible_and_lands_where_it_helps(live_server, page):
    """The menu's focus ring is a solid 3 px line; a summary card is one link (its title) and rings the
    whole card; a form sent with errors focuses its first invalid field; approving in the inbox keeps
    focus on the next request."""
    call_command("seed_demo", verbosity=0)
    log_in(page, live_server.url, DEMO_ROLES["office"])
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/dashboard/")
    link = page.locator("#mainNav .nav-link").first
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard: :focus-visible
    assert _outline(link) == "solid 3px"
    if SCREENSHOT_DIR:
        page.screenshot(
            path=f"{SCREENSHOT_DIR}/navbar-focus-desktop.png", clip={"x": 0, "y": 0, "width": 1366, "height": 80}
        )
    title = page.locator("[data-testid=card] a.stretched-link").first
    assert title.inner_text().strip() != ""
    title.focus()
    card = page.locator("[data-testid=card]").first
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert _outline(card) == "solid 3px"
    if SCREENSHOT_DIR:
        card.locator("xpath=..").screenshot(path=f"{SCREENSHOT_DIR}/card-focus-desktop.png")

    page.goto(f"{live_server.url}/accounts/password/")
    page.locator("main form[method=post]").evaluate("f => f.noValidate = true")
    page.locator("main form[method=post] [type=submit]").last.click()
    page.wait_for_load_state("load")
    assert page.evaluate("() => document.activeElement.getAttribute('aria-invalid')") == "true"

    _demo_objects()  # staff's sick leave and cancellation wait for the manager, with the demo's requests
    log_in(page, live_server.url, DEMO_ROLES["manager"])
    page.goto(f"{live_server.url}/inbox/")
    requests = page.locator("[data-testid=approval]")
    count = requests.count()
    assert count >= 2, "the demo manager has requests to decide"
    titles = requests.locator("h2").all_inner_texts()
    approvable = page.locator("[data-testid=approval]:has(form[data-keeps-focus])").first
    place = titles.index(approvable.locator("h2").inner_text())
    approvable.locator("form[data-keeps-focus] [type=submit]").click()
    page.wait_for_function(f"() => document.querySelectorAll('[data-testid=approval]').length === {count - 1}")
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('[data-focus-item]')")
    # The request that followed the approved one now has its place, and the focus.
    expected = titles[place + 1] if place + 1 < count else titles[place - 1]
    assert page.evaluate("() => document.activeElement.querySelector('h2').innerText") == expected
    assert page.url.endswith("/inbox/")
