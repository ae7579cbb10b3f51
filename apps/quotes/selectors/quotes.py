"""Reading quotes: who may see them (the office manager and the director), the list's page with its
filters and counts, and one quote's page (its lines with their net amounts and the totals per VAT rate).
Each costs a fixed number of queries whatever the number of quotes and lines."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy

from apps.core.money import Totals
from apps.core.permissions import get_visible_or_404
from apps.quotes.models import (
    ANSWERABLE_STATUSES,
    CatalogueEntry,
    Client,
    ClientContact,
    Quote,
    QuoteLine,
    QuoteStatus,
)
from apps.quotes.totals import totals_of

PAGE_SIZE = 25
SEARCH_MAX_LENGTH = 100
AWAITING = "awaiting"
# The list's tabs: the working view (issued or sent, waiting for the client's answer), then each status.
STATUS_GROUPS: dict[str, frozenset[str]] = {
    AWAITING: frozenset(ANSWERABLE_STATUSES),
    **{value: frozenset({value}) for value in QuoteStatus.values},
}
STATUS_FILTER_LABELS = {AWAITING: gettext_lazy("Awaiting an answer")}
_VERSIONED = re.compile(r"^(?P<number>.+)-v(?P<version>\d{1,4})$", re.IGNORECASE)


def may_see_quotes(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and (user.is_office_manager or user.is_director))


def quotes_visible_to(user) -> QuerySet[Quote]:
    """Every quote for the office manager (who writes them) and the director (who reads them); none
    for anyone else."""
    if not may_see_quotes(user):
        return Quote.objects.none()
    return Quote.objects.all()


def quote_for_page(user, pk) -> Quote:
    """The quote ``pk`` if ``user`` may see it (404 otherwise), with what its header shows."""
    queryset = quotes_visible_to(user).select_related("client", "contact", "created_by", "revision_of")
    return get_visible_or_404(queryset, pk=pk)


# --- the list -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ListFigures:
    counts: dict[str, int]  # by tab ("all", "awaiting", each status)
    years: list[int]  # the years the list filters by, newest first


def _search(quotes: QuerySet[Quote], search: str) -> QuerySet[Quote]:
    search = (search or "").strip()[:SEARCH_MAX_LENGTH]
    if not search:
        return quotes
    text = Q(number__icontains=search) | Q(subject__icontains=search) | Q(client__name__icontains=search)
    versioned = _VERSIONED.match(search)
    if versioned:
        # DEV-2026-0007-v2: the number and the version, as the reference is shown.
        text |= Q(number__iexact=versioned["number"], version=int(versioned["version"]))
    return quotes.filter(text)


def _filtered(user, *, status: str, client_id: int | None, year: int | None, search: str) -> QuerySet[Quote]:
    quotes = quotes_visible_to(user)
    if status in STATUS_GROUPS:
        quotes = quotes.filter(status__in=STATUS_GROUPS[status])
    if client_id:
        quotes = quotes.filter(client_id=client_id)
    if year:
        # An issued quote belongs to its number's year; a draft (no number yet) to the year it was written.
        start = timezone.make_aware(dt.datetime(year, 1, 1))
        end = timezone.make_aware(dt.datetime(year + 1, 1, 1))
        quotes = quotes.filter(Q(year=year) | Q(year__isnull=True, created_at__gte=start, created_at__lt=end))
    return _search(quotes, search)


def list_figures(user) -> ListFigures:
    """How many quotes in each tab, and the years since the first quote: one query."""
    figures = quotes_visible_to(user).aggregate(
        all=Count("pk"),
        first=Min("created_at"),
        **{name: Count("pk", filter=Q(status__in=group)) for name, group in STATUS_GROUPS.items()},
    )
    first = figures.pop("first")
    this_year = timezone.localdate().year
    first_year = min(timezone.localtime(first).year, this_year) if first else this_year
    return ListFigures(
        counts={name: value or 0 for name, value in figures.items()},
        years=list(range(this_year, first_year - 1, -1)),
    )


def quote_list_page(
    user, *, status: str = "", client_id: int | None = None, year: int | None = None, search: str = "", page: int = 1
) -> Page:
    """One page of quotes, newest first: the rows' count and the rows (two queries)."""
    quotes = (
        _filtered(user, status=status, client_id=client_id, year=year, search=search)
        .select_related("client")
        .only(
            "pk",
            "number",
            "version",
            "status",
            "subject",
            "created_at",
            "issue_date",
            "valid_until",
            "total_excl_vat",
            "total_incl_vat",
            "client__name",
        )
        .order_by("-created_at", "-pk")
    )
    return Paginator(quotes, PAGE_SIZE).get_page(page)


def client_choices(user) -> list[tuple[int, str]]:
    """The clients the list filters by: those with quotes (one query)."""
    if not may_see_quotes(user):
        return []
    return list(Client.objects.filter(quotes__isnull=False).distinct().order_by("name").values_list("pk", "name"))


def receiving_contact_id(client_id: int) -> int | None:
    """The client's contact who receives quotes and invoices (one at most), proposed on a new quote."""
    return ClientContact.objects.filter(client_id=client_id, is_primary=True).values_list("pk", flat=True).first()


def clients_for_new_quote() -> QuerySet[Client]:
    """The clients a quote may be written to: those not archived."""
    return Client.objects.filter(is_archived=False).order_by("name", "pk")


def catalogue_for_lines() -> QuerySet[CatalogueEntry]:
    """The catalogue entries a line may be taken from: those offered."""
    return CatalogueEntry.objects.filter(is_active=True).order_by("name", "pk")


# --- one quote ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LineView:
    line: QuoteLine
    net: Decimal | None  # None for a section title or free text
    first: bool
    last: bool


@dataclass(frozen=True)
class QuotePage:
    quote: Quote
    lines: list[LineView]
    totals: Totals
    deposit: Decimal


def quote_lines(quote: Quote) -> list[QuoteLine]:
    return list(quote.lines.order_by("position", "pk"))


def quote_page(quote: Quote, lines: list[QuoteLine] | None = None) -> QuotePage:
    """The lines in order with their net amounts, the totals per VAT rate and the deposit (one query)."""
    lines = quote_lines(quote) if lines is None else lines
    totals = totals_of(lines, quote.discount_percent)
    nets = iter(totals.line_nets)
    views = [
        LineView(
            line=line,
            net=next(nets) if line.is_priced else None,
            first=index == 0,
            last=index == len(lines) - 1,
        )
        for index, line in enumerate(lines)
    ]
    return QuotePage(quote=quote, lines=views, totals=totals, deposit=totals.deposit(quote.deposit_percent))
