"""seed_demo's supplies part: a believable catalogue, a ledger that adds up, and something for every demo role."""

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Q, Sum
from django.utils import timezone

from apps.accounts.models import User
from apps.suppliers.models import Supplier
from apps.supplies.demo_catalogue import catalogue_plan
from apps.supplies.models import (
    WARRANTY_NOTICE_DAYS,
    Assignment,
    Awaiting,
    CatalogueItem,
    Category,
    EquipmentItem,
    EquipmentKind,
    EquipmentTicket,
    InventoryCountLine,
    LineDecision,
    MoveKind,
    RequestLine,
    RequestStatus,
    SiteStock,
    StockMove,
    SupplyRequest,
    SupplySettings,
)

pytestmark = pytest.mark.django_db

SUPPLIES_MODELS = (
    CatalogueItem,
    SiteStock,
    StockMove,
    InventoryCountLine,
    SupplyRequest,
    RequestLine,
    SupplySettings,
    EquipmentItem,
    Assignment,
    EquipmentTicket,
)


def _seed(scale: float = 0.25, years: int = 1) -> str:
    out = StringIO()
    call_command("seed_demo", scale=scale, years=years, stdout=out)
    return out.getvalue()


def _snapshot() -> dict[str, list[dict]]:
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in SUPPLIES_MODELS}


def test_running_twice_changes_no_supplies_row():
    _seed()
    before = _snapshot()
    _seed()
    assert _snapshot() == before


def test_every_stock_is_the_sum_of_its_moves_and_no_balance_was_ever_negative():
    _seed()
    sums = dict(StockMove.objects.values_list("stock").annotate(total=Sum("delta")))
    stocks = list(SiteStock.objects.all())
    assert stocks
    assert all(stock.quantity == sums.get(stock.pk, 0) for stock in stocks)
    running: dict[int, int] = defaultdict(int)
    for stock_id, delta, balance in StockMove.objects.order_by("at", "pk").values_list(
        "stock_id", "delta", "balance_after"
    ):
        running[stock_id] += delta
        assert balance == running[stock_id] >= 0
    assert not StockMove.objects.filter(at__gt=timezone.now()).exists()
    assert {MoveKind.RECEIVED, MoveKind.ISSUED, MoveKind.ADJUSTED, MoveKind.COUNTED} <= set(
        StockMove.objects.values_list("kind", flat=True)
    )


def test_issued_moves_are_the_fulfilled_lines_and_ready_requests_have_everything_in_hand():
    _seed()
    issued = dict(
        StockMove.objects.filter(kind=MoveKind.ISSUED).values_list("request_line").annotate(total=Sum("delta"))
    )
    assert issued
    for line in RequestLine.objects.all():
        assert -issued.get(line.pk, 0) == line.issued_quantity
        if line.issued_quantity:
            assert line.decision == LineDecision.APPROVED and line.fulfilled_at is not None
    assert not RequestLine.objects.filter(
        request__status__in=[RequestStatus.READY, RequestStatus.DELIVERED],
        decision=LineDecision.APPROVED,
        fulfilled_at__isnull=True,
    ).exists()
    assert not SupplyRequest.objects.exclude(status=RequestStatus.PENDING).exclude(awaiting=Awaiting.NOBODY).exists()
    # The thresholds: automatic below the first, the director above the second.
    limits = SupplySettings.current()
    assert not SupplyRequest.objects.filter(auto_approved=True, total_excl_vat__gte=limits.auto_approve_below).exists()
    assert not SupplyRequest.objects.filter(needs_director=False, total_excl_vat__gt=limits.director_above).exists()
    # Most of the history was delivered; some refused with a reason; a few cancelled.
    statuses = SupplyRequest.objects.values("status").annotate(n=Count("pk"))
    counts = {row["status"]: row["n"] for row in statuses}
    assert counts[RequestStatus.DELIVERED] > SupplyRequest.objects.count() / 2
    assert not SupplyRequest.objects.filter(status=RequestStatus.REFUSED, refusal_reason="").exists()


def test_each_item_has_one_open_assignment_at_most_and_its_holder_is_that_person():
    _seed()
    assert (
        not EquipmentItem.objects.annotate(open=Count("assignments", filter=Q(assignments__end__isnull=True)))
        .filter(open__gt=1)
        .exists()
    )
    for item in EquipmentItem.objects.prefetch_related("assignments"):
        open_ones = [a.person_id for a in item.assignments.all() if a.end is None]
        assert item.holder_id == (open_ones[0] if open_ones else None)
        assert (item.state == "in_service") == bool(open_ones) or item.state == "in_repair"
    # Returned items were handed on or retired: the register has a history.
    assert Assignment.objects.filter(end__isnull=False).exists()
    assert EquipmentItem.objects.filter(state="retired").exists()


def test_every_demo_role_finds_something():
    _seed()
    staff = User.objects.get(email="staff@example.com")
    statuses = set(SupplyRequest.objects.filter(requester=staff).values_list("status", flat=True))
    assert statuses == set(RequestStatus.values)
    held = set(EquipmentItem.objects.filter(holder=staff).values_list("kind", flat=True))
    assert {EquipmentKind.LAPTOP, EquipmentKind.SCREEN, EquipmentKind.BADGE} <= held

    # The office manager's queue and inbox, and the director's.
    assert SupplyRequest.objects.filter(status=RequestStatus.PENDING, awaiting=Awaiting.OFFICE_MANAGER).count() >= 3
    at_director = SupplyRequest.objects.filter(status=RequestStatus.PENDING, awaiting=Awaiting.DIRECTOR)
    assert at_director.exists()
    # The director chooses among the lines the office manager approved: none may be left pending.
    assert not RequestLine.objects.filter(request__in=at_director).exclude(decision=LineDecision.APPROVED).exists()
    # The reorder list and the warranties card.
    for site_id in SiteStock.objects.values_list("site_id", flat=True).distinct():
        stocks = SiteStock.objects.filter(site_id=site_id, item__is_active=True)
        assert any(stock.is_low for stock in stocks)
    today = timezone.localdate()
    assert EquipmentItem.objects.filter(
        warranty_end__range=(today, today + dt.timedelta(days=WARRANTY_NOTICE_DAYS))
    ).exists()


def test_the_catalogue_is_french_with_food_at_five_and_a_half_percent_vat():
    _seed(years=0)
    assert 100 <= CatalogueItem.objects.filter(is_active=True).count() <= 140
    assert CatalogueItem.objects.filter(is_active=False).exists()
    assert set(CatalogueItem.objects.values_list("category", flat=True)) == set(Category.values)
    coffee = CatalogueItem.objects.get(name="Capsules Nespresso Professional Ristretto (boîte de 50)")
    assert coffee.vat_rate == Decimal("5.50") and coffee.supplier and coffee.supplier.name
    # One directory supplier per name the catalogue buys from, shared by its items.
    assert Supplier.objects.filter(catalogue_items__isnull=False).distinct().count() == len(
        {item.supplier_id for item in CatalogueItem.objects.exclude(supplier=None)}
    )
    assert not CatalogueItem.objects.filter(is_active=True, supplier=None).exists()
    paper = CatalogueItem.objects.get(name="Ramette papier A4 80 g blanc (500 feuilles)")
    assert paper.vat_rate == Decimal("20.00") and paper.unit == "ream" and paper.supplier_reference


def test_the_benchmark_scale_has_about_five_hundred_active_items_and_grows_by_adding():
    small, large = catalogue_plan(1), catalogue_plan(6.25)
    assert 480 <= sum(item.is_active for item in large) <= 520
    assert [item.name for item in large[: len(small)]] == [item.name for item in small]
    assert len({item.name.lower() for item in large}) == len(large)


def test_a_larger_scale_adds_items_and_equips_newcomers_without_touching_the_history():
    _seed(scale=0.25, years=0)
    requests = SupplyRequest.objects.count()
    items = CatalogueItem.objects.count()
    _seed(scale=1.25, years=0)
    assert CatalogueItem.objects.count() > items
    assert SupplyRequest.objects.count() == requests
    assert not User.objects.exclude(equipment_assignments__isnull=False).exists()
