"""The people and objects the authorisation matrix opens every URL with (one small company).

``build_world(org)`` returns the seven viewers (``ROLES`` of ``authz_matrix``) and a dict of named
objects; ``MATRIX`` keys name them (``pk=leave_of_staff``). Each kind of object exists twice where
ownership matters: one belongs to ``staff`` (the viewer's own, for staff; their team's, for the
manager) and one to ``outsider`` (a staff member of the other team: someone else's for everyone but
them). Files are written directly (no upload check) so that a download answers 200 when allowed.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from types import SimpleNamespace

from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from PIL import Image

from apps.accounts.tests.factories import CompanyFactory, UserFactory
from apps.leave import services as leave_services
from apps.leave.models import Deputy, EntryKind, LeaveType, LedgerEntry
from apps.notifications.tests.factories import EmailOutboxFactory, NotificationFactory
from apps.premises.models import CheckRecord, CheckResult
from apps.premises.tests.factories import (
    BookingFactory,
    CheckItemFactory,
    DeskFactory,
    FloorFactory,
    RoomFactory,
    TicketFactory,
)
from apps.purchasing.models import OrderStatus
from apps.purchasing.services import orders as order_services
from apps.purchasing.tests.factories import (
    BudgetFactory,
    OrderLineFactory,
    PurchaseOrderFactory,
    SupplierInvoiceFactory,
)
from apps.quotes.models import CatalogueEntry, Client, ClientContact, Quote, QuoteStatus
from apps.quotes.services import lines as quote_line_services
from apps.quotes.services import quotes as quote_services
from apps.suppliers.tests.factories import ContactFactory, InteractionFactory, SupplierFactory
from apps.supplies import services as supplies_services
from apps.supplies.models import Awaiting, RequestStatus
from apps.supplies.services.equipment import equipment_assign
from apps.supplies.tests.factories import (
    CatalogueItemFactory,
    EquipmentItemFactory,
    RequestLineFactory,
    SupplyRequestFactory,
)

MONDAY = dt.date(2026, 3, 2)  # the tests' clock: Monday 2 March 2026, 09:00 in Paris


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def _leave(person, code: str, start: dt.date, end: dt.date, *, with_document: bool = False):
    leave_type = LeaveType.objects.get(code=code)
    if leave_type.counts_against_balance:
        LedgerEntry.objects.create(
            person=person, leave_type=leave_type, kind=EntryKind.OPENING, period=start, date=start, days=30
        )
    document = SimpleUploadedFile("certificate.png", png_bytes(), content_type="image/png") if with_document else None
    return leave_services.leave_request_submit(
        person=person,
        leave_type=leave_type,
        start=start,
        end=end,
        start_half="morning",
        end_half="afternoon",
        comment="Private comment",
        document=document,
        submitted_by=person,
    ).request


def _supply_request(person, *prices, **fields):
    fields = {"status": RequestStatus.PENDING, "awaiting": Awaiting.OFFICE_MANAGER, **fields}
    request = SupplyRequestFactory(requester=person, **fields)
    for position, price in enumerate(prices):
        RequestLineFactory(request=request, position=position, item=None, description="Chaise", unit_price=price)
    return request


def _supply_requests(org) -> dict:
    """Pending requests of staff and of the outsider (awaiting the office manager), one awaiting the
    director, one approved (a line not in the catalogue, waiting to arrive) and one ready."""
    approved = supplies_services.request_decide(request=_supply_request(org.staff, "40.00"), by=org.office_manager)
    ready = supplies_services.request_decide(request=_supply_request(org.staff, "30.00"), by=org.office_manager)
    supplies_services.request_line_arrived(request=ready, line=ready.lines.get(), by=org.office_manager)
    return {
        "supply_request_of_staff": _supply_request(org.staff, "80.00"),
        "supply_request_of_outsider": _supply_request(org.outsider, "80.00"),
        "supply_request_for_director": _supply_request(
            org.staff, "900.00", awaiting=Awaiting.DIRECTOR, needs_director=True
        ),
        "approved_supply_request": approved,
        "approved_supply_line": approved.lines.get(),
        "ready_supply_request": ready,
    }


# --- suppliers and purchasing (issue #14): one function per area, each adding its own named objects
# (names unique across areas); ``supplier`` (with an orders contact) is shared by all of them.


def _supplier_directory(org, supplier) -> dict:
    # A contact of the shared supplier (not the orders one), a log entry with an open follow-up, another
    # supplier (whose id with the first's contact is a 404), and one with an order (never deleted).
    return {
        "directory_contact": ContactFactory(supplier=supplier, name="Paul Girard", is_orders_contact=False),
        "directory_log_entry": InteractionFactory(
            supplier=supplier, by=org.office_manager, follow_up_on=dt.date(2026, 3, 9)
        ),
        "directory_other_supplier": SupplierFactory(name="Nettoyage Saône"),
        "directory_supplier_with_orders": PurchaseOrderFactory(
            supplier=SupplierFactory(name="Bureau Rhône"), site=org.site, created_by=org.office_manager
        ).supplier,
    }


def _supplier_compliance(org, supplier) -> dict:
    from apps.suppliers.tests.factories import ComplianceDocumentFactory, ContractFactory

    document = ComplianceDocumentFactory(supplier=supplier, uploaded_by=org.office_manager)
    document.file.save("document.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    return {
        "compliance_document": document,
        "compliance_contract": ContractFactory(supplier=supplier),
    }


def _purchase_orders(org, supplier) -> dict:
    """A draft with a line, an order above the director's threshold waiting for them, a sent order."""

    def order_with_line(quantity: int, price: str):
        order = order_services.order_create(by=org.office_manager, supplier=supplier, site=org.site)
        order_services.order_line_add(
            order=order,
            by=org.office_manager,
            description="Ramettes A4",
            quantity=quantity,
            unit_price=Decimal(price),
            vat_rate=Decimal("20.00"),
        )
        return order

    awaiting = order_services.order_submit(order=order_with_line(100, "90.00"), by=org.office_manager)
    sent, _sent_now = order_services.order_send(order=order_with_line(5, "4.20"), by=org.office_manager)
    return {"po_draft": order_with_line(10, "4.20"), "po_awaiting": awaiting, "po_sent": sent}


def _receiving(org, supplier) -> dict:
    """An order sent to ``supplier`` with a catalogue line (to receive), and a draft (not receivable)."""
    sent = PurchaseOrderFactory(
        supplier=supplier,
        site=org.site,
        status=OrderStatus.SENT,
        number="BC-2026-0901",
        year=2026,
        sent_at=dt.datetime(2026, 2, 27, 10, tzinfo=dt.UTC),
        created_by=org.office_manager,
    )
    item = CatalogueItemFactory(name="Ramettes à recevoir", supplier=supplier)
    OrderLineFactory(order=sent, item=item, description=item.name, quantity=10)
    draft = PurchaseOrderFactory(supplier=supplier, site=org.site, created_by=org.office_manager)
    OrderLineFactory(order=draft, item=item, description=item.name, quantity=5)
    return {"receiving_order": sent, "receiving_draft": draft}


def _supplier_invoices(org, supplier) -> dict:
    invoice = SupplierInvoiceFactory(
        supplier=supplier, number="FA-AUTHZ-1", due_on=MONDAY + dt.timedelta(days=5), created_by=org.office_manager
    )
    invoice.vat_lines.create(rate=20, base=invoice.total_excl_vat, vat=invoice.total_vat)
    invoice.file.save("invoice.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    return {"invoice_unpaid": invoice}


def _budgets(org, supplier) -> dict:
    budget = BudgetFactory(year=MONDAY.year + 1, category="supplies", site=org.site, amount=5000)
    return {"budget": budget}


# --- quotes and invoices (issue #15)


def _quotes(org) -> dict:
    """A client with a contact, a catalogue entry, a draft quote with a section and two priced lines,
    and an issued quote (made directly: issuing is another area's) with one line."""
    client = Client.objects.create(
        name="Client des devis", address="3 place Bellecour", postal_code="69002", city="Lyon"
    )
    ClientContact.objects.create(client=client, name="Claire Martin", email="claire@client.fr", is_primary=True)
    entry = CatalogueEntry.objects.create(name="Audit", unit="jour", unit_price=Decimal("650"))
    by = org.office_manager
    draft = quote_services.quote_create(by=by, client=client, subject="Aménagement de l'accueil")
    quote_line_services.line_add(document=draft, by=by, kind="section", description="Lot 1")
    line = quote_line_services.line_add(
        document=draft, by=by, description="Peinture", quantity="2", unit_price="100", vat_rate="20"
    )
    quote_line_services.line_add(
        document=draft, by=by, description="Pose", quantity="1", unit_price="50", vat_rate="20"
    )
    issued = quote_services.quote_create(by=by, client=client, subject="Moquette")
    issued_line = quote_line_services.line_add(
        document=issued, by=by, description="Moquette", quantity="10", unit_price="30", vat_rate="20"
    )
    Quote.objects.filter(pk=issued.pk).update(
        status=QuoteStatus.ISSUED,
        number="DEV-2026-0901",
        year=2026,
        issue_date=MONDAY,
        valid_until=MONDAY + dt.timedelta(days=30),
    )
    return {
        "quote_client": client,
        "quote_catalogue_entry": entry,
        "quote_draft": draft,
        "quote_line": line,
        "quote_issued": issued,
        "quote_issued_line": issued_line,
        "quote_unknown": SimpleNamespace(pk=issued.pk + 9999),  # a guessed id
    }
def _quote_invoices(org) -> dict:
    """An accepted quote not invoiced yet, a draft final invoice and an issued one (each of its own
    accepted quote), issued with the real Factur-X PDF."""
    from apps.quotes.services import invoices as invoice_services
    from apps.quotes.tests.factories_invoices import accepted_quote

    draft = invoice_services.invoice_from_quote(quote=accepted_quote(), by=org.office_manager)
    issued = invoice_services.invoice_issue(
        invoice=invoice_services.invoice_from_quote(quote=accepted_quote(), by=org.office_manager),
        by=org.office_manager,
    )
    return {"quote_to_invoice": accepted_quote(), "client_invoice_draft": draft, "client_invoice": issued}


def build_world(org) -> tuple[dict, dict]:
    """(viewers by role, objects by name) for the ``org`` fixture's company."""
    admin = UserFactory(email="admin@test.fr", site=org.site, is_superuser=True, is_staff=True)
    viewers = {
        "anon": None,
        "staff": org.staff,
        "outsider": org.outsider,
        "manager": org.manager,
        "office": org.office_manager,
        "director": org.director,
        "admin": admin,
    }

    company = CompanyFactory()
    company.logo.save("logo.png", ContentFile(png_bytes()), save=True)

    floor = FloorFactory(site=org.site, name="First floor", level=1)
    floor.plan.save("plan.png", ContentFile(png_bytes()), save=True)
    room = RoomFactory(floor=floor, name="Rhône")
    desk = DeskFactory(floor=floor, label="D-101")

    next_week = MONDAY + dt.timedelta(days=14)
    leave_of_staff = _leave(org.staff, "CP", next_week, next_week + dt.timedelta(days=1))
    leave_of_outsider = _leave(org.outsider, "CP", next_week, next_week + dt.timedelta(days=1))
    # An approved leave the staff member asked to cancel: waits for the manager's answer.
    cancelling = _leave(org.staff, "CP", next_week + dt.timedelta(days=7), next_week + dt.timedelta(days=8))
    leave_services.leave_request_approve(request=cancelling, by=org.manager)
    cancelling.refresh_from_db()
    leave_services.leave_request_cancel(request=cancelling, by=org.staff)
    # Health and family data: the certificate is for the person and the office manager only.
    sick_leave_of_staff = _leave(org.staff, "MAL", MONDAY, MONDAY + dt.timedelta(days=1), with_document=True)
    bereavement_of_staff = _leave(
        org.staff,
        "FAM_DEC",
        next_week + dt.timedelta(days=21),
        next_week + dt.timedelta(days=22),
        with_document=True,
    )

    booking_of_staff = BookingFactory(room=room, person=org.staff)
    booking_of_outsider = BookingFactory(
        room=room, person=org.outsider, start=booking_of_staff.end, end=booking_of_staff.end + dt.timedelta(hours=1)
    )
    ticket_of_staff = TicketFactory(site=org.site, reporter=org.staff)
    ticket_of_staff.photo.save("leak.png", ContentFile(png_bytes()), save=True)
    ticket_of_outsider = TicketFactory(site=org.site, reporter=org.outsider)
    ticket_of_outsider.photo.save("leak.png", ContentFile(png_bytes()), save=True)

    register_item = CheckItemFactory(site=org.site)
    check_record = CheckRecord.objects.create(
        item=register_item,
        done_on=MONDAY - dt.timedelta(days=30),
        done_by="Sécurité Incendie SARL",
        result=CheckResult.COMPLIANT,
        recorded_by=org.office_manager,
    )
    check_record.report.save("report.png", ContentFile(png_bytes()), save=True)

    stock_item = CatalogueItemFactory(name="Ramette A4 80 g")
    supplies_services.stock_receive(item=stock_item, site=org.site, quantity=10, by=org.office_manager)
    inventory_count = supplies_services.inventory_count_apply(
        site=org.site, by=org.office_manager, counted={stock_item.pk: 9}, note="Armoire"
    )
    catalogue_item = CatalogueItemFactory(name="Ramette A4")
    archived_item = CatalogueItemFactory(name="Vieux toner", is_active=False)
    for item in (catalogue_item, archived_item):
        item.photo.save("photo.png", ContentFile(png_bytes()), save=False)
        item.thumbnail.save("thumb.png", ContentFile(png_bytes()), save=True)
    # Equipment: an item each of staff and outsider hold, and one in stock (to assign).
    equipment_of_staff = EquipmentItemFactory(site=org.site)
    equipment_assign(item=equipment_of_staff, person=org.staff, by=org.office_manager)
    equipment_of_outsider = EquipmentItemFactory(site=org.site)
    equipment_assign(item=equipment_of_outsider, person=org.outsider, by=org.office_manager)

    supplier = SupplierFactory(name="Fournitures Rhône")
    ContactFactory(
        supplier=supplier, name="Claire Martin", email="commandes@fournitures-rhone.fr", is_orders_contact=True
    )

    objects = {
        "site": org.site,
        "team": org.team,
        "staff": org.staff,
        "director": org.director,
        "leave_type": LeaveType.objects.get(code="CP"),
        "leave_of_staff": leave_of_staff,
        "leave_of_outsider": leave_of_outsider,
        "cancellation_of_staff": cancelling,
        "sick_leave_of_staff": sick_leave_of_staff,
        "bereavement_of_staff": bereavement_of_staff,
        "deputy_of_manager": Deputy.objects.create(
            person=org.manager, deputy=org.colleague, start_date=MONDAY, end_date=next_week, created_by=org.manager
        ),
        "deputy_of_other_manager": Deputy.objects.create(
            person=org.other_manager,
            deputy=org.outsider,
            start_date=MONDAY,
            end_date=next_week,
            created_by=org.other_manager,
        ),
        "floor": floor,
        "room": room,
        "desk": desk,
        "booking_of_staff": booking_of_staff,
        "booking_of_outsider": booking_of_outsider,
        "ticket_of_staff": ticket_of_staff,
        "ticket_of_outsider": ticket_of_outsider,
        "register_item": register_item,
        "check_record": check_record,
        "stock_item": stock_item,
        "inventory_count": inventory_count,
        "catalogue_item": catalogue_item,
        "archived_item": archived_item,
        "equipment_of_staff": equipment_of_staff,
        "equipment_of_outsider": equipment_of_outsider,
        "equipment_in_stock": EquipmentItemFactory(site=org.site),
        "notification_of_staff": NotificationFactory(recipient=org.staff, url="/leave/"),
        "notification_of_outsider": NotificationFactory(recipient=org.outsider, url="/leave/"),
        "outbox_email": EmailOutboxFactory(recipient=org.staff),
        # A real password-reset link of the staff member (the page is for whoever holds the link),
        # made when the URL is: signing in changes last_login, which invalidates earlier tokens.
        "staff_uid": urlsafe_base64_encode(force_bytes(org.staff.pk)),
        "staff_token": lambda: default_token_generator.make_token(type(org.staff).objects.get(pk=org.staff.pk)),
        **_supply_requests(org),
        "supplier": supplier,
        **_supplier_directory(org, supplier),
        **_supplier_compliance(org, supplier),
        **_purchase_orders(org, supplier),
        **_receiving(org, supplier),
        **_supplier_invoices(org, supplier),
        **_budgets(org, supplier),
        **_quotes(org),
        **_quote_invoices(org),
    }
    return viewers, objects
