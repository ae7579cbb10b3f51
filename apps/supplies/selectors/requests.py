"""Reads of supply requests, scoped to who is asking: the office manager's queue, one request's page,
what waits in the approvals inbox. Each costs a fixed number of queries whatever the number of
requests or lines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.accounts.models import OFFICE_MANAGER_GROUP, User
from apps.accounts.selectors import sites_for
from apps.core import cache as read_cache
from apps.core.permissions import get_visible_or_404
from apps.supplies.models import (
    OPEN_STATUSES,
    TO_FULFIL_STATUSES,
    Awaiting,
    LineDecision,
    RequestLine,
    RequestStatus,
    SiteStock,
    SupplyRequest,
)

CENT = Decimal("0.01")
QUEUE_PAGE_SIZE = 30
SEARCH_MAX_LENGTH = 100
# The queue's tabs: a name in the URL → the statuses it shows ("" = every open request, the default).
QUEUE_TABS: dict[str, tuple[str, ...]] = {
    "": tuple(sorted(OPEN_STATUSES)),
    "pending": (RequestStatus.PENDING,),
    "to_prepare": tuple(sorted(TO_FULFIL_STATUSES)),
    "ready": (RequestStatus.READY,),
    "delivered": (RequestStatus.DELIVERED,),
    "refused": (RequestStatus.REFUSED,),
    "cancelled": (RequestStatus.CANCELLED,),
    "all": tuple(RequestStatus.values),
}
QUEUE_TAB_LABELS = {
    "": pgettext_lazy("supply requests", "Open"),
    "pending": pgettext_lazy("supply requests", "To decide"),
    "to_prepare": pgettext_lazy("supply requests", "To prepare"),
    "ready": pgettext_lazy("supply requests", "Ready"),
    "delivered": pgettext_lazy("supply requests", "Delivered"),
    "refused": pgettext_lazy("supply requests", "Refused"),
    "cancelled": pgettext_lazy("supply requests", "Cancelled"),
    "all": pgettext_lazy("supply requests", "All"),
}
# Still owed to the requester: a needed-by date past while in these is late.
LATE_STATUSES = frozenset({RequestStatus.PENDING, *TO_FULFIL_STATUSES})


def _requested_by_an_office_manager() -> Exists:
    return Exists(
        User.groups.through.objects.filter(user_id=OuterRef("requester_id"), group__name=OFFICE_MANAGER_GROUP)
    )


def requests_visible_to(user) -> QuerySet[SupplyRequest]:
    """The requests ``user`` may open: every one for an office manager; for a director those that
    need them (above the second threshold), those of the office managers (which a director may
    decide) and their own; for anyone else their own. Nothing for an inactive or anonymous user."""
    qs = SupplyRequest.objects.all()
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return qs.none()
    if user.is_office_manager:
        return qs
    if user.is_director:
        return qs.filter(Q(needs_director=True) | Q(requester_id=user.pk) | _requested_by_an_office_manager())
    return qs.filter(requester_id=user.pk)


def request_for_page(user, pk) -> SupplyRequest:
    """One visible request with the people its page names (404 when not visible: get_visible_or_404)."""
    qs = requests_visible_to(user).select_related(
        "requester", "site", "office_decided_by", "director_decided_by", "cancelled_by"
    )
    return get_visible_or_404(qs, pk=pk)


# --- the office manager's queue ------------------------------------------------------------------


class QueueRow(NamedTuple):
    pk: int
    created_at: dt.datetime
    needed_by: dt.date
    status: str
    awaiting: str
    kind: str
    total_excl_vat: Decimal
    site: str
    first_name: str
    last_name: str
    email: str
    line_count: int

    @property
    def requester(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.email  # str(User)

    @property
    def created_on(self) -> dt.date:
        """The day it was sent, in the active time zone (what the row shows)."""
        return timezone.localdate(self.created_at)

    def is_late_on(self, today: dt.date) -> bool:
        return self.status in LATE_STATUSES and self.needed_by < today


_QUEUE_COLUMNS = (
    "pk",
    "created_at",
    "needed_by",
    "status",
    "awaiting",
    "kind",
    "total_excl_vat",
    "site__name",
    "requester__first_name",
    "requester__last_name",
    "requester__email",
    "line_count",
)


@dataclass(frozen=True)
class QueuePage:
    page: Page
    counts: dict[str, int]  # per tab name, within the site and search filters


def request_queue(
    user, *, tab: str = "", awaiting: str = "", site_id: int | None = None, search: str = ""
) -> QuerySet[SupplyRequest]:
    """The office manager's requests, oldest first among the pending (what to decide next), filtered
    by tab (see ``QUEUE_TABS``), by who must decide (``awaiting``), by pick-up site and by the
    requester's name or e-mail. Nothing for anyone else."""
    if not getattr(user, "is_office_manager", False):
        return SupplyRequest.objects.none()
    qs = _filtered(site_id=site_id, search=search).filter(status__in=QUEUE_TABS.get(tab, QUEUE_TABS[""]))
    if awaiting in Awaiting.values and awaiting:
        qs = qs.filter(status=RequestStatus.PENDING, awaiting=awaiting)
    return qs.order_by("created_at", "pk")


def _filtered(*, site_id: int | None, search: str) -> QuerySet[SupplyRequest]:
    qs = SupplyRequest.objects.all()
    if site_id is not None:
        qs = qs.filter(site_id=site_id)
    search = (search or "").strip()[:SEARCH_MAX_LENGTH]
    for word in search.split():
        qs = qs.filter(
            Q(requester__first_name__icontains=word)
            | Q(requester__last_name__icontains=word)
            | Q(requester__email__icontains=word)
        )
    return qs


def queue_rows(queue: QuerySet[SupplyRequest]) -> list[QueueRow]:
    """``queue`` (sliced or not) as plain rows with their number of lines: one query."""
    rows = queue.annotate(line_count=Count("lines")).values_list(*_QUEUE_COLUMNS)
    return [QueueRow(*row) for row in rows]


def _tab_counts(site_id: int | None, search: str) -> dict[str, int]:
    """How many requests each tab holds (one query)."""
    by_status = dict(
        _filtered(site_id=site_id, search=search)
        .order_by()
        .values_list("status")
        .annotate(total=Count("pk"))
        .values_list("status", "total")
    )
    return {tab: sum(by_status.get(status, 0) for status in statuses) for tab, statuses in QUEUE_TABS.items()}


def _read_queue_page(user, *, tab: str, awaiting: str, site_id: int | None, search: str, page: int) -> tuple:
    if not getattr(user, "is_office_manager", False):
        return {}, 0, 1, []
    counts = _tab_counts(site_id, search)
    queue = request_queue(user, tab=tab, awaiting=awaiting, site_id=site_id, search=search)
    # Without the "awaiting" filter the tab's count is the page's count: no second COUNT query.
    count = queue.count() if awaiting else counts.get(tab if tab in QUEUE_TABS else "", 0)
    shown = Paginator(range(count), QUEUE_PAGE_SIZE).get_page(page)
    rows = queue_rows(queue[shown.start_index() - 1 : shown.end_index()]) if count else []
    return counts, count, shown.number, rows


def queue_page(
    user, *, tab: str = "", awaiting: str = "", site_id: int | None = None, search: str = "", page: int = 1
) -> QueuePage:
    """One page of the queue with the tabs' counts: three queries (counts, rows' count, rows), kept in
    the read cache per viewer and filters. Rows hold dates, never an age (late is decided when shown)."""
    search = (search or "").strip()[:SEARCH_MAX_LENGTH]
    counts, count, number, rows = read_cache.cached(
        ("supplies.request_queue", read_cache.viewer_key(user), tab, awaiting, site_id, search, page),
        lambda: _read_queue_page(user, tab=tab, awaiting=awaiting, site_id=site_id, search=search, page=page),
    )
    return QueuePage(page=Page(rows, number, Paginator(range(count), QUEUE_PAGE_SIZE)), counts=counts)


def queue_sites(user) -> list[tuple[int, str]]:
    """The sites the queue filters by (``sites_for``: every site for the office manager) as (id, name)
    pairs: one query, kept in the read cache for everyone with the same roles."""
    return read_cache.cached(
        ("supplies.queue_sites", read_cache.viewer_class_key(user)),
        lambda: list(sites_for(user).values_list("pk", "name")),
    )


def queue_labels() -> dict[str, dict[str, str]]:
    """The status and awaiting words of the queue's rows, translated once per page (not once per row)."""
    return {
        "status": {value: str(label) for value, label in RequestStatus.choices},
        "awaiting": {value: str(label) for value, label in Awaiting.choices},
    }


# --- one request ---------------------------------------------------------------------------------


def money(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Totals:
    excl_vat: Decimal
    vat: Decimal
    incl_vat: Decimal


def totals_of(lines: list[RequestLine]) -> Totals:
    """EN 16931's way (DESIGN.md): each line's net rounded, the VAT of a rate on the sum of that rate's
    nets, rounded; incl. VAT = excl. VAT + every rate's VAT."""
    nets_by_rate: dict[Decimal, Decimal] = {}
    for line in lines:
        nets_by_rate[line.vat_rate] = nets_by_rate.get(line.vat_rate, Decimal("0")) + money(
            line.quantity * line.unit_price
        )
    excl = sum(nets_by_rate.values(), Decimal("0.00"))
    vat = sum((money(net * rate / 100) for rate, net in nets_by_rate.items()), Decimal("0.00"))
    return Totals(excl_vat=money(excl), vat=money(vat), incl_vat=money(excl + vat))


@dataclass(frozen=True)
class LineView:
    line: RequestLine
    vat: Decimal
    in_stock: int | None  # what the request's site holds of a catalogue item (office manager only)

    @property
    def amount(self) -> Decimal:
        return self.line.amount_excl_vat

    @property
    def is_free(self) -> bool:
        return self.line.item_id is None

    @property
    def owed(self) -> int:
        return self.line.quantity - self.line.issued_quantity

    @property
    def is_short(self) -> bool:
        """Approved, not all in hand yet: "Arrived" applies."""
        return self.line.decision == LineDecision.APPROVED and self.line.fulfilled_at is None


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    text: str
    who: str = ""
    note: str = ""


@dataclass(frozen=True)
class RequestPage:
    request: SupplyRequest
    lines: list[LineView]
    asked: Totals
    approved: Totals | None  # once some line is decided
    history: list[HistoryEntry]


def request_page(request: SupplyRequest, *, with_stock: bool = False) -> RequestPage:
    """What the request's page shows: its lines with their VAT (and, for the office manager, the site's
    stock of each catalogue item), the totals asked and approved, and its history. One query for the
    lines, one for the stock."""
    lines = list(request.lines.order_by("position", "pk"))
    stock: dict[int, int] = {}
    if with_stock:
        item_ids = {line.item_id for line in lines if line.item_id is not None}
        if item_ids:
            stock = dict(
                SiteStock.objects.filter(site_id=request.site_id, item_id__in=item_ids).values_list(
                    "item_id", "quantity"
                )
            )
    views = [
        LineView(
            line=line,
            vat=money(line.amount_excl_vat * line.vat_rate / 100),
            in_stock=stock.get(line.item_id, 0) if with_stock and line.item_id is not None else None,
        )
        for line in lines
    ]
    decided = any(line.decision != LineDecision.PENDING for line in lines)
    approved = [line for line in lines if line.decision == LineDecision.APPROVED]
    return RequestPage(
        request=request,
        lines=views,
        asked=totals_of(lines),
        approved=totals_of(approved) if decided else None,
        history=request_history(request),
    )


def request_history(request: SupplyRequest) -> list[HistoryEntry]:
    """The request's stamps in time order (from the request row and its select_related people)."""
    entries = [HistoryEntry(request.created_at, str(_("Request sent")), str(request.requester))]
    if request.auto_approved:
        entries.append(HistoryEntry(request.created_at, str(_("Approved automatically (under the threshold)"))))
    if request.office_decided_at:
        entries.append(
            HistoryEntry(
                request.office_decided_at, str(_("Decided by the office manager")), _who(request.office_decided_by)
            )
        )
    if request.director_decided_at:
        entries.append(
            HistoryEntry(
                request.director_decided_at, str(_("Decided by the director")), _who(request.director_decided_by)
            )
        )
    if request.ready_at:
        entries.append(HistoryEntry(request.ready_at, str(_("Ready to pick up")), note=request.pickup_note))
    if request.delivered_at:
        entries.append(HistoryEntry(request.delivered_at, str(_("Delivered"))))
    if request.cancelled_at:
        entries.append(HistoryEntry(request.cancelled_at, str(_("Cancelled")), _who(request.cancelled_by)))
    return sorted(entries, key=lambda entry: entry.at)


def _who(user) -> str:
    return str(user) if user is not None else ""


# --- the approvals inbox and the dashboard ---------------------------------------------------------


class PendingRow(NamedTuple):
    pk: int
    created_at: dt.datetime
    needed_by: dt.date
    kind: str
    total_excl_vat: Decimal
    awaiting: str
    site: str
    first_name: str
    last_name: str
    email: str
    line_count: int

    @property
    def requester(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.email


def awaiting_decision_of(user) -> QuerySet[SupplyRequest]:
    """The pending requests whose current stage ``user`` decides (services.approvals.may_decide's rule
    in SQL): at the office stage an office manager decides the others' requests and a director those of
    the office managers; at the director's stage a director. Unordered, no joins: the badge counts it."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return SupplyRequest.objects.none()
    office, director = user.is_office_manager, user.is_director
    if not (office or director):
        return SupplyRequest.objects.none()
    pending = SupplyRequest.objects.filter(status=RequestStatus.PENDING)
    condition = Q(pk__in=[])
    if office:
        condition |= Q(awaiting=Awaiting.OFFICE_MANAGER) & ~Q(requester_id=user.pk)
    if director:
        condition |= Q(awaiting=Awaiting.DIRECTOR)
        if not office:
            condition |= (
                Q(awaiting=Awaiting.OFFICE_MANAGER) & Q(_requested_by_an_office_manager()) & ~Q(requester_id=user.pk)
            )
    return pending.filter(condition)


def pending_rows(user) -> list[PendingRow]:
    """``awaiting_decision_of(user)`` as plain rows, oldest first (the inbox): one query."""
    qs = awaiting_decision_of(user)
    rows = (
        qs.annotate(line_count=Count("lines"))
        .order_by("created_at", "pk")
        .values_list(
            "pk",
            "created_at",
            "needed_by",
            "kind",
            "total_excl_vat",
            "awaiting",
            "site__name",
            "requester__first_name",
            "requester__last_name",
            "requester__email",
            "line_count",
        )
    )
    return [PendingRow(*row) for row in rows]


def office_figures() -> dict[str, int]:
    """The dashboard's two figures in one query: requests awaiting the office manager, and approved
    requests not yet ready (to prepare)."""
    return SupplyRequest.objects.aggregate(
        waiting=Count("pk", filter=Q(status=RequestStatus.PENDING, awaiting=Awaiting.OFFICE_MANAGER)),
        to_prepare=Count("pk", filter=Q(status__in=TO_FULFIL_STATUSES)),
    )
