"""Draft orders from approved supply requests and from the reorder list: one per supplier and site,
catalogue prices and VAT, request links, lines without supplier listed not ordered, nothing ordered twice."""

import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.accounts.tests.factories import SiteFactory
from apps.purchasing.models import OrderedRequestLine, OrderLine, OrderStatus, PurchaseOrder
from apps.purchasing.services.drafts import drafts_create, reorder_candidates, request_candidates
from apps.purchasing.services.receiving import order_receive
from apps.suppliers.tests.factories import ContactFactory, SupplierFactory
from apps.supplies.models import LineDecision, RequestStatus
from apps.supplies.tests.factories import (
    CatalogueItemFactory,
    RequestLineFactory,
    SiteStockFactory,
    SupplyRequestFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def suppliers():
    return SupplierFactory(name="Lyreco"), SupplierFactory(name="Bruneau")


def approved(person, site, *lines):
    request = SupplyRequestFactory(requester=person, site=site, status=RequestStatus.APPROVED)
    for position, (item, quantity) in enumerate(lines):
        RequestLineFactory(
            request=request,
            position=position,
            item=item,
            quantity=quantity,
            decision=LineDecision.APPROVED,
            **({} if item else {"description": "Lampe design", "unit_price": Decimal("80.00")}),
        )
    return request


def keys(candidates):
    return [candidate.key for candidate in candidates]


def test_request_lines_become_one_draft_per_supplier_with_links_and_catalogue_prices(org, suppliers):
    lyreco, bruneau = suppliers
    ContactFactory(supplier=lyreco, is_orders_contact=True)
    paper = CatalogueItemFactory(name="Ramette", supplier=lyreco, unit_price=Decimal("4.20"), vat_rate=Decimal("20"))
    coffee = CatalogueItemFactory(name="Café", supplier=lyreco, unit_price=Decimal("9.99"), vat_rate=Decimal("5.50"))
    chair = CatalogueItemFactory(name="Chaise", supplier=bruneau, unit_price=Decimal("120.00"))
    first = approved(org.staff, org.site, (paper, 3), (coffee, 1), (None, 1))
    second = approved(org.colleague, org.site, (paper, 2), (chair, 1))
    outcome = drafts_create(
        by=org.office_manager, selected=keys(request_candidates()), token=uuid.uuid4(), source="requests"
    )
    assert len(outcome.orders) == 2
    assert [c.description for c in outcome.skipped] == ["Lampe design"]  # no supplier: listed, not ordered
    by_supplier = {order.supplier: order for order in outcome.orders}
    to_lyreco = by_supplier[lyreco]
    assert to_lyreco.status == OrderStatus.DRAFT and to_lyreco.number == "" and to_lyreco.site == org.site
    assert to_lyreco.contact is not None
    lines = {line.description: line for line in to_lyreco.lines.all()}
    assert lines["Ramette"].quantity == 5  # two requests, one order line
    assert (lines["Café"].unit_price, lines["Café"].vat_rate) == (Decimal("9.99"), Decimal("5.50"))
    assert to_lyreco.total_excl_vat == Decimal("30.99")
    assert to_lyreco.total_vat == Decimal("4.75")  # 21.00 × 20 % + 9.99 × 5.5 % = 4.20 + 0.55
    assert to_lyreco.total_incl_vat == Decimal("35.74")
    assert OrderedRequestLine.objects.filter(order_line=lines["Ramette"]).count() == 2
    assert by_supplier[bruneau].lines.get().request_links.get().request_line.request == second
    assert first.lines.get(item=None).order_links.count() == 0
    # Now on a live order: not offered again.
    assert [c.description for c in request_candidates()] == ["Lampe design"]


def test_a_line_already_ordered_is_not_ordered_twice_and_the_same_form_once(org, suppliers):
    paper = CatalogueItemFactory(name="Ramette", supplier=suppliers[0])
    approved(org.staff, org.site, (paper, 3))
    chosen = keys(request_candidates())
    token = uuid.uuid4()
    drafts_create(by=org.office_manager, selected=chosen, token=token, source="requests")
    again = drafts_create(by=org.office_manager, selected=chosen, token=token, source="requests")
    assert again.already and PurchaseOrder.objects.count() == 1
    with pytest.raises(ValidationError, match="already on an order"):
        drafts_create(by=org.office_manager, selected=chosen, token=uuid.uuid4(), source="requests")
    assert PurchaseOrder.objects.count() == 1


def test_a_cancelled_order_releases_its_lines(org, suppliers):
    paper = CatalogueItemFactory(name="Ramette", supplier=suppliers[0])
    approved(org.staff, org.site, (paper, 3))
    chosen = keys(request_candidates())
    order = drafts_create(by=org.office_manager, selected=chosen, token=uuid.uuid4(), source="requests").orders[0]
    PurchaseOrder.objects.filter(pk=order.pk).update(status=OrderStatus.CANCELLED)
    assert keys(request_candidates()) == chosen
    outcome = drafts_create(by=org.office_manager, selected=chosen, token=uuid.uuid4(), source="requests")
    assert len(outcome.orders) == 1 and OrderedRequestLine.objects.count() == 1


def test_reorder_lines_by_supplier_and_site_and_not_twice_while_on_order(org, suppliers):
    lyreco, _bruneau = suppliers
    paris = SiteFactory(name="Paris")
    paper = CatalogueItemFactory(name="Ramette", supplier=lyreco, unit_price=Decimal("4.20"))
    lonely = CatalogueItemFactory(name="Sans fournisseur", supplier=None)
    SiteStockFactory(item=paper, site=org.site, reorder_threshold=5, reorder_quantity=20)
    SiteStockFactory(item=paper, site=paris, reorder_threshold=2, reorder_quantity=0)
    SiteStockFactory(item=lonely, site=org.site, reorder_threshold=1)
    outcome = drafts_create(
        by=org.office_manager, selected=keys(reorder_candidates()), token=uuid.uuid4(), source="reorder"
    )
    assert sorted((order.site.name, order.lines.get().quantity) for order in outcome.orders) == sorted(
        [(org.site.name, 20), ("Paris", 3)]
    )
    assert [c.description for c in outcome.skipped] == ["Sans fournisseur"]
    assert [c.description for c in reorder_candidates()] == ["Sans fournisseur"]
    # Once fully received, the item can be reordered again.
    order = next(order for order in outcome.orders if order.site == org.site)
    PurchaseOrder.objects.filter(pk=order.pk).update(status=OrderStatus.SENT, number="BC-2026-0042", year=2026)
    line = order.lines.get()
    order_receive(order=order, by=org.office_manager, quantities={line.pk: line.quantity}, token=uuid.uuid4())
    assert "Ramette" not in [c.description for c in reorder_candidates()]  # 20 in stock: above its threshold


def test_bad_selections_are_refused(org, suppliers):
    lonely = CatalogueItemFactory(name="Sans fournisseur", supplier=None)
    request = approved(org.staff, org.site, (lonely, 1))
    for selected, message in (
        ([], "at least one line"),
        (["r999999", "x1", "r", "r-3", "s" + "9" * 40], "at least one line|no longer to order"),
        ([f"r{request.lines.get().pk}"], "has a supplier"),
    ):
        with pytest.raises(ValidationError, match=message):
            drafts_create(by=org.office_manager, selected=selected, token=uuid.uuid4(), source="requests")
    with pytest.raises(ValidationError, match="expired"):
        drafts_create(by=org.office_manager, selected=["r1"], token="nope", source="requests")
    for person in (org.staff, org.director):
        with pytest.raises(PermissionDenied):
            drafts_create(by=person, selected=["r1"], token=uuid.uuid4(), source="requests")
    assert not PurchaseOrder.objects.exists() and not OrderLine.objects.exists()


def test_the_pages_list_by_supplier_and_make_drafts(org, suppliers, client_for, django_assert_max_num_queries):
    lyreco = suppliers[0]
    for n in range(10):
        item = CatalogueItemFactory(name=f"Article {n}", supplier=lyreco)
        approved(org.staff, org.site, (item, 1), (None, 1))
    client = client_for(org.office_manager)
    client.get(reverse("purchasing:from_requests"))
    with django_assert_max_num_queries(10):
        page = client.get(reverse("purchasing:from_requests"))
    body = page.content.decode()
    assert page.status_code == 200 and "Lyreco" in body and "No supplier" in body
    assert body.index("Lyreco") < body.index("No supplier")
    chosen = keys(request_candidates())
    response = client.post(reverse("purchasing:from_requests"), {"line": chosen, "token": str(uuid.uuid4())})
    order = PurchaseOrder.objects.get()
    assert response.status_code == 302 and response.url == reverse("purchasing:order_detail", args=[order.pk])
    assert order.lines.count() == 10
    response = client.post(reverse("purchasing:from_requests"), {"line": ["rabc"], "token": str(uuid.uuid4())})
    assert response.status_code == 200 and "at least one line" in response.content.decode()
    assert client.get(reverse("purchasing:from_reorder")).status_code == 200


def test_the_supplies_pages_link_to_ordering(org, client_for):
    client = client_for(org.office_manager)
    assert reverse("purchasing:from_requests") in client.get(reverse("supplies:request_queue")).content.decode()
    SiteStockFactory(site=org.site, reorder_threshold=3)
    assert reverse("purchasing:from_reorder") in client.get(reverse("supplies:reorder")).content.decode()


def test_only_the_office_manager_orders(org, client_for):
    for person in (org.staff, org.manager, org.director):
        for name in ("purchasing:from_requests", "purchasing:from_reorder"):
            assert client_for(person).get(reverse(name)).status_code == 403
            assert client_for(person).post(reverse(name), {"line": ["r1"]}).status_code == 403


def test_the_reorder_page_costs_a_bounded_number_of_queries(org, suppliers, client_for, django_assert_max_num_queries):
    for n in range(15):
        item = CatalogueItemFactory(name=f"Article {n}", supplier=suppliers[n % 2])
        SiteStockFactory(item=item, site=org.site, reorder_threshold=3)
    client = client_for(org.office_manager)
    client.get(reverse("purchasing:from_reorder"))
    with django_assert_max_num_queries(10):
        page = client.get(reverse("purchasing:from_reorder"))
    assert page.status_code == 200 and page.content.decode().count('data-testid="candidate"') == 15
