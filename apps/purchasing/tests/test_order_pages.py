"""The purchase order pages: what each role gets, the list's filters at a fixed cost, the forms with
bad input, the lines editor with and without HTMX, the director's decision, sending from the page."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from apps.notifications.models import EmailOutbox
from apps.purchasing import contributions
from apps.purchasing.models import OrderedRequestLine, OrderStatus, PurchaseOrder
from apps.purchasing.services import orders as services
from apps.purchasing.tests._orders import draft, sent, supplier_with_contact
from apps.suppliers.tests.factories import ContactFactory, SupplierFactory
from apps.supplies.models import SupplySettings
from apps.supplies.tests.factories import CatalogueItemFactory, RequestLineFactory

pytestmark = pytest.mark.django_db


def _awaiting(org):
    return services.order_submit(order=draft(org, lines=[(100, "90.00", "20.00")]), by=org.office_manager)


def test_staff_and_managers_get_403_and_unknown_orders_404(org, client_for):
    order = draft(org)
    for person in (org.staff, org.manager):
        client = client_for(person)
        assert client.get(reverse("purchasing:order_list")).status_code == 403
        assert client.get(order.get_absolute_url()).status_code == 403
    client = client_for(org.office_manager)
    assert client.get(reverse("purchasing:order_detail", args=[order.pk + 999])).status_code == 404
    assert client.get(reverse("purchasing:order_pdf", args=[order.pk + 999])).status_code == 404


def test_the_director_reads_but_does_not_write(org, client_for):
    order = draft(org)
    client = client_for(org.director)
    page = client.get(order.get_absolute_url())
    assert page.status_code == 200 and b"Send to the supplier" not in page.content
    assert client.post(reverse("purchasing:order_send", args=[order.pk])).status_code == 403
    assert client.get(reverse("purchasing:order_lines", args=[order.pk])).status_code == 403


def test_the_list_filters_by_working_view_supplier_and_search(org, client_for):
    to_send = draft(org)
    expected = sent(org)
    other = draft(org, supplier=supplier_with_contact(name="Bureau Vallée Lyon"))
    services.order_cancel(order=other, by=org.office_manager)
    client = client_for(org.office_manager)

    def shown(**params):
        page = client.get(reverse("purchasing:order_list"), params)
        assert page.status_code == 200
        return {order.pk for order in page.context["listing"].page.object_list}

    assert shown(status="to_send") == {to_send.pk}
    assert shown(status="expected") == {expected.pk}
    assert shown(status="cancelled") == {other.pk}
    assert shown(q="vallée") == {other.pk}
    assert shown(q=expected.number) == {expected.pk}
    assert shown(supplier=other.supplier_id) == {other.pk}
    assert shown(status="nonsense", supplier="abc", q="x" * 500) == {to_send.pk, expected.pk, other.pk}


@pytest.mark.parametrize("page", ["99999999999999999999", "-1", "abc", "1e9", "0"])
def test_huge_or_silly_page_numbers_answer_a_page(org, client_for, page):
    draft(org)
    response = client_for(org.office_manager).get(reverse("purchasing:order_list"), {"page": page})
    assert response.status_code == 200


def test_the_list_costs_the_same_for_3_or_40_orders(org, client_for, django_assert_max_num_queries):
    client = client_for(org.office_manager)
    supplier = supplier_with_contact()
    for _ in range(3):
        draft(org, supplier=supplier)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("purchasing:order_list"))
    for _ in range(37):
        PurchaseOrder.objects.create(supplier=supplier_with_contact(), site=org.site, created_by=org.office_manager)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("purchasing:order_list"))
    assert page.context["listing"].page.paginator.count == 40


def test_creating_an_order_sent_twice_makes_one(org, client_for):
    supplier = supplier_with_contact()
    client = client_for(org.office_manager)
    data = {"supplier": supplier.pk, "site": org.site.pk, "expected_on": "2026-12-15", "token": str(uuid.uuid4())}
    first = client.post(reverse("purchasing:order_create"), data)
    second = client.post(reverse("purchasing:order_create"), data)
    order = PurchaseOrder.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == reverse("purchasing:order_lines", args=[order.pk])
    assert order.contact.email == "commandes@fournisseur.example" and order.expected_on == dt.date(2026, 12, 15)


@pytest.mark.parametrize(
    "bad",
    [
        {"supplier": "999999"},
        {"site": ""},
        {"expected_on": "9999-12-31"},
        {"expected_on": "0001-01-01"},
        {"expected_on": "31/02/2026"},
        {"notes": "x" * 5000},
    ],
)
def test_a_bad_header_is_shown_again_and_nothing_saved(org, client_for, bad):
    data = {"supplier": supplier_with_contact().pk, "site": org.site.pk, **bad}
    response = client_for(org.office_manager).post(reverse("purchasing:order_create"), data)
    assert response.status_code == 400 and not PurchaseOrder.objects.exists()


def test_hostile_text_is_shown_escaped(org, client_for):
    order = draft(org, notes="<script>alert(1)</script>")
    page = client_for(org.office_manager).get(order.get_absolute_url())
    assert b"<script>alert(1)</script>" not in page.content and b"&lt;script&gt;" in page.content


def test_adding_lines_without_javascript_and_with_htmx(org, client_for):
    order = draft(org, lines=[])
    item = CatalogueItemFactory(unit_price=Decimal("2.50"), vat_rate=Decimal("5.50"))
    client = client_for(org.office_manager)
    url = reverse("purchasing:order_lines", args=[order.pk])
    response = client.post(url, {"item": item.pk, "quantity": "4", "category": "supplies"})
    assert response.status_code == 302 and response["Location"] == url
    response = client.post(
        url,
        {"description": "Câble HDMI", "quantity": "2", "unit_price": "9.90", "vat_rate": "20.00", "category": "it"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and b'id="order-lines"' in response.content and b"<html" not in response.content
    order.refresh_from_db()
    # 4 × 2.50 = 10.00 at 5.5 % (VAT 0.55) + 2 × 9.90 = 19.80 at 20 % (VAT 3.96)
    assert (order.total_excl_vat, order.total_vat, order.total_incl_vat) == (
        Decimal("29.80"),
        Decimal("4.51"),
        Decimal("34.31"),
    )
    line = order.lines.get(item=item)
    response = client.post(url, {"remove": line.pk}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and not order.lines.filter(pk=line.pk).exists()
    assert client.post(url, {"remove": "not-a-number"}).status_code == 302


@pytest.mark.parametrize(
    "bad",
    [
        {"quantity": "0"},
        {"quantity": "-4"},
        {"quantity": "2.5"},
        {"unit_price": "-1"},
        {"unit_price": "1e400"},
        {"vat_rate": "19.6"},
        {"description": ""},
        {"item": "999999"},
    ],
)
def test_a_bad_line_is_refused_and_nothing_saved(org, client_for, bad):
    order = draft(org, lines=[])
    data = {"description": "Stylos", "quantity": "3", "unit_price": "1.20", "vat_rate": "20.00", "category": "supplies"}
    response = client_for(org.office_manager).post(reverse("purchasing:order_lines", args=[order.pk]), {**data, **bad})
    assert response.status_code == 400 and not order.lines.exists()


def test_sending_from_the_page_twice_sends_one_email(org, client_for):
    order = draft(org)
    client = client_for(org.office_manager)
    url = reverse("purchasing:order_send", args=[order.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.SENT
    assert EmailOutbox.objects.filter(kind="purchasing_order_supplier").count() == 1
    page = client.get(order.get_absolute_url())
    assert reverse("purchasing:order_receive", args=[order.pk]).encode() in page.content
    pdf = client.get(reverse("purchasing:order_pdf", args=[order.pk]))
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_the_director_approves_from_the_inbox_and_refuses_with_a_reason(org, client_for):
    first, second = _awaiting(org), _awaiting(org)
    client = client_for(org.director)
    page = client.get(first.get_absolute_url())
    assert b'id="decision"' in page.content
    response = client.post(reverse("purchasing:order_approve", args=[first.pk]) + "?next=/inbox/")
    assert response.status_code == 302 and response["Location"] == "/inbox/"
    first.refresh_from_db()
    assert first.status == OrderStatus.APPROVED
    refuse = reverse("purchasing:order_refuse", args=[second.pk])
    assert client.get(refuse)["Location"].endswith("#decision")
    assert client.post(refuse, {"reason": ""}).status_code == 400
    assert client.post(refuse, {"reason": "Pas ce trimestre"}).status_code == 302
    second.refresh_from_db()
    assert second.status == OrderStatus.DRAFT and second.refusal_reason == "Pas ce trimestre"
    assert b"Pas ce trimestre" in client_for(org.office_manager).get(second.get_absolute_url()).content


def test_contributions_cards_agenda_and_approvals(org):
    draft(org)
    expected = sent(org, expected_on=dt.date.today() + dt.timedelta(days=3))
    awaiting = _awaiting(org)
    cards = {card.title: card for card in contributions.dashboard_cards(org.office_manager)}
    assert cards["Orders to send"].value == 1 and cards["Orders to send"].url.endswith("?status=to_send")
    assert cards["Deliveries awaited"].value == 1 and cards["Deliveries awaited"].url.endswith("?status=expected")
    items = contributions.agenda_items(org.office_manager, dt.date.today(), dt.date.today() + dt.timedelta(days=7))
    assert [item.url for item in items] == [expected.get_absolute_url()]
    approvals = contributions.pending_approvals(org.director)
    assert [approval.url for approval in approvals] == [awaiting.get_absolute_url()]
    assert contributions.pending_approvals(org.office_manager) == []
    assert contributions.approves(org.director) and not contributions.approves(org.staff)
    (badge,) = contributions.badge_counts(org.director)
    assert badge.count.count() == 1
    assert contributions.dashboard_cards(org.staff) == [] and contributions.badge_counts(org.staff) == []


def test_an_order_made_from_supply_requests_shows_them_and_cancelling_releases_them(
    org, client_for, django_assert_max_num_queries
):
    order = draft(org, lines=[(2, "4.20", "20.00"), (1, "3.00", "20.00")])
    first, second = order.lines.all()
    for line in (first, second):
        for _ in range(3):
            request_line = RequestLineFactory(request__requester=org.staff)
            OrderedRequestLine.objects.create(order_line=line, request_line=request_line)
    client = client_for(org.office_manager)
    with django_assert_max_num_queries(20):
        page = client.get(order.get_absolute_url())
    assert page.status_code == 200 and page.content.count(b"request #") == 6
    services.order_cancel(order=order, by=org.office_manager)
    assert not OrderedRequestLine.objects.exists()


def test_the_directors_inbox_lists_the_order_and_approves_it_in_one_click(org, client_for):
    order = _awaiting(org)
    client = client_for(org.director)
    inbox = client.get(reverse("core:inbox"))
    assert inbox.status_code == 200 and order.supplier.name.encode() in inbox.content
    assert reverse("purchasing:order_approve", args=[order.pk]).encode() in inbox.content
    response = client.post(reverse("purchasing:order_approve", args=[order.pk]) + "?next=/inbox/")
    assert response["Location"] == "/inbox/"
    after = client.get(reverse("core:inbox")).content
    assert reverse("purchasing:order_approve", args=[order.pk]).encode() not in after


def test_an_order_without_a_contact_e_mail_is_not_sent_and_says_why(org, client_for):
    order = draft(org, supplier=SupplierFactory())  # no contact at all
    client = client_for(org.office_manager)
    response = client.post(reverse("purchasing:order_send", args=[order.pk]), follow=True)
    assert b"Choose a supplier contact with an e-mail address" in response.content
    order.refresh_from_db()
    assert order.status == OrderStatus.DRAFT and order.number == "" and not EmailOutbox.objects.exists()


def test_editing_the_header_changes_the_contact_and_refuses_another_suppliers(org, client_for):
    order = draft(org)
    other_contact = ContactFactory(supplier=order.supplier, is_orders_contact=False, email="compta@fournisseur.example")
    stranger = ContactFactory(supplier=SupplierFactory())
    client = client_for(org.office_manager)
    url = reverse("purchasing:order_edit", args=[order.pk])
    data = {"supplier": order.supplier_id, "site": org.site.pk, "expected_on": "2026-12-20", "notes": "Quai B"}
    assert client.post(url, {**data, "contact": stranger.pk}).status_code == 400
    assert client.post(url, {**data, "contact": other_contact.pk}).status_code == 302
    order.refresh_from_db()
    assert order.contact == other_contact and order.notes == "Quai B" and order.expected_on == dt.date(2026, 12, 20)
    sent_order = sent(org)
    assert client.get(reverse("purchasing:order_edit", args=[sent_order.pk])).status_code == 302


def test_the_page_offers_the_director_only_when_the_service_needs_them(org, client_for):
    # The threshold is excl. VAT: 900.00 excl. VAT (1 080.00 incl. VAT) under a 1 000 threshold is sent
    # straight away, so the page offers "Send", not "Submit to the director".
    settings_row = SupplySettings.current()
    settings_row.director_above = Decimal("1000.00")
    settings_row.save()
    client = client_for(org.office_manager)
    under = draft(org, lines=[(1, "900.00", "20.00")])
    page = client.get(under.get_absolute_url()).content.decode()
    assert 'data-testid="send-form"' in page and reverse("purchasing:order_submit", args=[under.pk]) not in page
    over = draft(org, lines=[(1, "1000.01", "20.00")])
    page = client.get(over.get_absolute_url()).content.decode()
    assert reverse("purchasing:order_submit", args=[over.pk]) in page and 'data-testid="send-form"' not in page
    assert "excl. VAT, the director approves" in page


def test_an_orders_status_reads_as_french_for_an_order():
    # "Sent" and "Received" are also a notification's state and a stock movement ("Envoyé", "Réception"):
    # an order is "Envoyée", "Reçue", like its other statuses.
    with translation.override("fr"):
        labels = {value: str(label) for value, label in OrderStatus.choices}
    assert labels[OrderStatus.SENT] == "Envoyée" and labels[OrderStatus.RECEIVED] == "Reçue"
    assert labels[OrderStatus.PARTLY_RECEIVED] == "Partiellement reçue"


def test_changing_the_supplier_sends_to_the_new_ones_contact(org, client_for):
    # The form still has the old supplier's contact selected: the new supplier's orders contact replaces it.
    order = draft(org)
    new_supplier = supplier_with_contact()
    data = {"supplier": new_supplier.pk, "site": org.site.pk, "contact": order.contact_id}
    response = client_for(org.office_manager).post(reverse("purchasing:order_edit", args=[order.pk]), data)
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.supplier == new_supplier and order.contact == new_supplier.contacts.get()


def test_adding_a_line_to_an_order_sent_meanwhile_loads_its_page_with_htmx(org, client_for):
    # The lines editor was open in another tab when the order was sent: no line added, and HTMX is told
    # to load the order's page rather than swap that page into the lines' block.
    order = sent(org)
    data = {"description": "Agrafes", "quantity": 1, "unit_price": "2.00", "vat_rate": "20.00", "category": "supplies"}
    client = client_for(org.office_manager)
    url = reverse("purchasing:order_lines", args=[order.pk])
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and response["HX-Redirect"] == order.get_absolute_url()
    assert client.post(url, data).status_code == 302
    assert order.lines.count() == 1
