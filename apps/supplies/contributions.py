"""The supplies app in the cross-app registries (see apps/core/registry.py). Each function costs a
fixed number of queries whatever the size of the catalogue, the stock, the requests or the equipment
register."""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from apps.core import roles
from apps.core.dates import date_text
from apps.core.registry import APPROVALS_BADGE, Approval, BadgeCount, BenchPage, Card, MenuEntry
from apps.core.reversing import fixed_url, pk_url
from apps.premises.services.common import is_office_manager
from apps.supplies.models import WARRANTY_NOTICE_DAYS, Awaiting, RequestKind
from apps.supplies.selectors import equipment as equipment_selectors
from apps.supplies.selectors import requests as request_selectors
from apps.supplies.selectors import stock as stock_selectors
from apps.supplies.selectors.equipment import WARRANTY_SOON
from apps.supplies.selectors.my_requests import my_open_requests_count

INBOX = "/inbox/"

# Kept by the registry's read cache (apps/core/cache.py): they depend on the viewer, today and the
# database only (a request waits until someone decides it, never until a time; the warranty card
# counts from today). With the read cache on, the inbox badge is the kept list's length; without it,
# badge_counts' queryset joins the layout's one badge statement.
CACHED_HOOKS = ("dashboard_cards", "pending_approvals", "my_space_cards")


def menu_entries(user) -> list[MenuEntry]:
    """Everyone: the catalogue to ask from; the office manager: the request queue (the supplies pages
    link each other through their sub-navigation)."""
    if is_office_manager(user):
        return [
            MenuEntry(
                title=gettext_lazy("Supplies"),
                url=fixed_url("supplies:request_queue"),
                url_prefix="/supplies/",
                order=40,
            )
        ]
    return [
        MenuEntry(title=gettext_lazy("Supplies"), url=fixed_url("supplies:shop"), url_prefix="/supplies/", order=40)
    ]


def benchmark_pages() -> list[BenchPage]:
    return [
        BenchPage(name="supplies catalogue", path="/supplies/", role=roles.STAFF),
        BenchPage(name="my supply requests", path="/supplies/requests/mine/", role=roles.STAFF),
        BenchPage(name="supply request queue", path="/supplies/requests/", role=roles.OFFICE_MANAGER),
    ]


def approves(user) -> bool:
    """The office manager decides supply requests, the director those above the second threshold."""
    return user.is_office_manager or user.is_director


def pending_approvals(user) -> list[Approval]:
    """The supply requests whose current stage ``user`` decides (one query)."""
    rows = request_selectors.pending_rows(user)
    if not rows:
        return []
    detail_url, approve_url, refuse_url = (
        pk_url(f"supplies:request_{name}") for name in ("detail", "approve", "refuse")
    )
    titles = {
        RequestKind.SUPPLIES: _("Supply request #%(number)d: %(name)s"),
        RequestKind.EQUIPMENT: _("Equipment request #%(number)d: %(name)s"),
    }
    second = _("%(title)s (director's approval)")
    needed_by = _("Needed by %(date)s · %(site)s")
    approvals = []
    for row in rows:
        title = titles.get(row.kind, titles[RequestKind.SUPPLIES]) % {"number": row.pk, "name": row.requester}
        if row.awaiting == Awaiting.DIRECTOR:
            title = second % {"title": title}
        detail = ngettext(
            "%(count)d line · %(total)s € excl. VAT", "%(count)d lines · %(total)s € excl. VAT", row.line_count
        ) % {"count": row.line_count, "total": _amount(row.total_excl_vat)}
        approvals.append(
            Approval(
                kind="supply_request",
                title=title,
                requester=row.requester,
                submitted_at=row.created_at,
                url=detail_url(row.pk),
                approve_url=f"{approve_url(row.pk)}?next={INBOX}",
                refuse_url=refuse_url(row.pk),
                detail=detail,
                context=[needed_by % {"date": date_text(row.needed_by, "j N Y"), "site": row.site}],
            )
        )
    return approvals


def badge_counts(user) -> list[BadgeCount]:
    """The inbox badge: the requests whose current stage the user decides (no joins, no ordering)."""
    if not approves(user):
        return []
    return [BadgeCount(APPROVALS_BADGE, request_selectors.awaiting_decision_of(user))]


def _amount(value) -> str:
    """1234.5 → "1 234,50" in French, "1,234.50" in English (the inbox's text is built here)."""
    return number_format(value, 2, force_grouping=True)


def _request_cards() -> list[Card]:
    """Requests waiting for the office manager, approved requests to prepare (one query)."""
    figures = request_selectors.office_figures()
    queue = fixed_url("supplies:request_queue")
    return [
        Card(
            title=_("Requests waiting"),
            value=figures["waiting"],
            url=f"{queue}?tab=pending&awaiting={Awaiting.OFFICE_MANAGER}",
            severity="warning" if figures["waiting"] else "success",
            detail=_("supply requests awaiting your decision"),
            icon="cart-check",
            order=40,
        ),
        Card(
            title=_("To prepare"),
            value=figures["to_prepare"],
            url=f"{queue}?tab=to_prepare",
            severity="info",
            detail=_("approved requests not yet ready to pick up"),
            icon="box-seam",
            order=41,
        ),
    ]


def _reorder_card() -> Card:
    count = stock_selectors.reorder_count()  # one query
    return Card(
        title=_("Items to reorder"),
        value=count,
        url=fixed_url("supplies:reorder"),
        severity="warning" if count else "success",
        detail=_("at or under their reorder threshold") if count else _("every stock is above its threshold"),
        icon="cart-plus",
        order=40,
    )


def _warranty_card() -> Card:
    count = equipment_selectors.warranties_ending_count(timezone.localdate())  # one query
    return Card(
        title=_("Warranties ending"),
        value=count,
        url=f"{fixed_url('supplies:equipment_list')}?warranty={WARRANTY_SOON}",
        severity="warning" if count else "success",
        detail=_("equipment, within %(days)d days") % {"days": WARRANTY_NOTICE_DAYS},
        icon="hourglass-split",
        order=50,
    )


def dashboard_cards(user) -> list[Card]:
    """Office manager: requests waiting and to prepare, the stock rows to reorder, the warranties ending."""
    if not is_office_manager(user):
        return []
    return [*_request_cards(), _reorder_card(), _warranty_card()]


def my_space_cards(user) -> list[Card]:
    """Everyone: my open requests and the equipment I hold (one query each)."""
    requests_count = my_open_requests_count(user)
    held = equipment_selectors.held_count(user)
    return [
        Card(
            title=_("My requests"),
            value=requests_count,
            url=fixed_url("supplies:my_requests"),
            detail=_("supplies and equipment in progress"),
            severity="info" if requests_count else "secondary",
            icon="basket",
            order=50,
        ),
        Card(
            title=_("My equipment"),
            value=held,
            url=fixed_url("supplies:my_equipment"),
            detail=_("laptop, screen, phone, badge…"),
            severity="info" if held else "secondary",
            icon="laptop",
            order=51,
        ),
    ]
