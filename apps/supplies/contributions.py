"""The supplies app in the cross-app registries (see apps/core/registry.py). Each function costs a fixed
number of queries whatever the number of requests or lines."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.core.dates import date_text
from apps.core.registry import APPROVALS_BADGE, Approval, BadgeCount, Card
from apps.core.reversing import fixed_url, pk_url
from apps.supplies.models import Awaiting, RequestKind
from apps.supplies.selectors import requests as request_selectors

INBOX = "/inbox/"

# Kept by the registry's read cache (apps/core/cache.py): they depend on the viewer and the database
# only (a request waits until someone decides it, never until a time). With the read cache on, the
# inbox badge is the kept list's length; without it, badge_counts' queryset joins the layout's one
# badge statement.
CACHED_HOOKS = ("dashboard_cards", "pending_approvals")


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


def dashboard_cards(user) -> list[Card]:
    """Office manager: requests waiting for them, approved requests to prepare (one query)."""
    if not user.is_office_manager:
        return []
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
