"""The quotes app in the cross-app registries (see apps/core/registry.py): the menu entry, the office
manager's dashboard cards, the director's key figure, each quote's expiry in its author's agenda, and
the benchmark's pages. Each function costs a fixed number of queries whatever the number of quotes and
invoices (two for the cards, one for the figure, one for the agenda)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy

from apps.core import roles
from apps.core.registry import AgendaItem, BenchPage, Card, MenuEntry
from apps.core.reversing import fixed_url, pk_url
from apps.quotes.models import LineKind, Quote, QuoteStatus
from apps.quotes.selectors import figures
from apps.quotes.selectors import invoices as invoice_selectors
from apps.quotes.selectors import quotes as quote_selectors

# Kept by the registry's read cache (apps/core/cache.py): the cards, the figure and the agenda items
# depend on the viewer, today (and the agenda's range) and the database only.
CACHED_HOOKS = ("dashboard_cards", "agenda_items", "director_figures")

# The quote list's ``?status=`` and the invoice list's ``?tab=`` (selectors/quotes.py, selectors/invoices.py).
AWAITING, ACCEPTED = quote_selectors.AWAITING, QuoteStatus.ACCEPTED.value
UNPAID, OVERDUE = invoice_selectors.UNPAID, invoice_selectors.OVERDUE
BENCH_QUOTE_LINES = 40


def _euros(amount) -> str:
    return _("%(amount)s € excl. VAT") % {"amount": number_format(amount, 2, force_grouping=True)}


def menu_entries(user) -> list[MenuEntry]:
    """Quotes, invoices, clients and the catalogue: the office manager's, and the director's to read."""
    if not (user.is_office_manager or user.is_director):
        return []
    return [
        MenuEntry(
            # One short word: the office manager's menu already fills a 1366 px laptop screen.
            title=pgettext_lazy("menu", "Quotes"),
            url=fixed_url("quotes:quote_list"),
            url_prefix="/quotes/",
            order=50,
        )
    ]


def dashboard_cards(user) -> list[Card]:
    """Quotes awaiting an answer, accepted this month, expiring within the week; client invoices unpaid."""
    if not user.is_office_manager:
        return []
    return [*_quote_cards(), *_invoice_cards()]


def director_figures(user) -> list[Card]:
    """The director's “quotes awaiting an answer”: how many and for how much (one query)."""
    if not (user.is_director or user.is_office_manager):
        return []
    found = figures.awaiting_answer()
    return [
        Card(
            title=_("Quotes awaiting an answer"),
            value=found["awaiting"],
            url=f"{fixed_url('quotes:quote_list')}?status={AWAITING}",
            severity="info",
            detail=_euros(found["awaiting_amount"]),
            icon="hourglass-split",
            order=40,
        )
    ]


def agenda_items(user, start: dt.date, end: dt.date) -> list[AgendaItem]:
    """The day each quote the user wrote stops being valid, while it still awaits an answer (one query).
    Only an office manager writes quotes: the director's agenda costs no query for them."""
    if not user.is_office_manager:
        return []
    quote_url = pk_url("quotes:quote_detail")
    label = _("Quote %(reference)s expires · %(client)s")
    return [
        AgendaItem(
            title=label % {"reference": quote.reference, "client": quote.client.name},
            start=quote.valid_until,
            kind="quote_expiry",
            url=quote_url(quote.pk),
        )
        for quote in figures.expiries_between(user, start, end)
    ]


# --- cards ---------------------------------------------------------------------------------------


def _quote_cards() -> list[Card]:
    """One query."""
    found = figures.quote_figures(timezone.localdate())
    quotes = fixed_url("quotes:quote_list")
    expiring = found["expiring"]
    return [
        Card(
            title=_("Quotes awaiting an answer"),
            value=found["awaiting"],
            url=f"{quotes}?status={AWAITING}",
            severity="info",
            detail=_euros(found["awaiting_amount"]),
            icon="hourglass-split",
            order=50,
        ),
        Card(
            title=_("Quotes accepted this month"),
            value=found["accepted"],
            url=f"{quotes}?status={ACCEPTED}",
            severity="success" if found["accepted"] else "secondary",
            detail=_euros(found["accepted_amount"]),
            icon="hand-thumbs-up",
            order=51,
        ),
        Card(
            title=_("Quotes expiring soon"),
            value=expiring,
            url=f"{quotes}?status={AWAITING}",
            severity="warning" if expiring else "secondary",
            detail=ngettext(
                "awaiting an answer, no longer valid within %(days)d day",
                "awaiting an answer, no longer valid within %(days)d days",
                figures.EXPIRING_DAYS,
            )
            % {"days": figures.EXPIRING_DAYS},
            icon="hourglass-bottom",
            order=52,
        ),
    ]


def _invoice_cards() -> list[Card]:
    """One query."""
    found = figures.unpaid_invoice_figures(timezone.localdate())
    invoices = fixed_url("quotes:invoice_list")
    overdue = found["overdue"]
    due = _("%(amount)s € due") % {"amount": number_format(found["amount_due"], 2, force_grouping=True)}
    if overdue:
        due += " · " + ngettext("%(count)d overdue", "%(count)d overdue", overdue) % {"count": overdue}
    return [
        Card(
            title=_("Client invoices unpaid"),
            value=found["unpaid"],
            url=f"{invoices}?tab={OVERDUE if overdue else UNPAID}",
            severity="warning" if overdue else ("info" if found["unpaid"] else "success"),
            detail=due,
            icon="receipt",
            order=53,
        )
    ]


# --- benchmark -----------------------------------------------------------------------------------


def benchmark_pages() -> list[BenchPage]:
    return [
        BenchPage(name="quote list", path="/quotes/", role=roles.OFFICE_MANAGER),
        BenchPage(
            name="quote (40 lines)",
            path="/quotes/<newest 40-line quote>/",
            role=roles.OFFICE_MANAGER,
            resolve=_bench_quote_path,
        ),
    ]


def bench_quote() -> Quote:
    """The newest issued quote of 40 lines with section titles (the demo seeds one: apps/quotes/demo.py);
    the benchmark opens its page and times its PDF."""
    quote = (
        Quote.objects.exclude(number="")
        .annotate(line_count=Count("lines"), sections=Count("lines", filter=Q(lines__kind=LineKind.SECTION)))
        .filter(line_count__gte=BENCH_QUOTE_LINES, sections__gt=0)
        .order_by("-issued_at", "-pk")
        .first()
    )
    if quote is None:
        raise LookupError("no issued quote of 40 lines in this database: run seed_demo first")
    return quote


def _bench_quote_path() -> str:
    return reverse("quotes:quote_detail", args=[bench_quote().pk])
