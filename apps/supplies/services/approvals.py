"""Deciding staff requests: the office manager, then the director above the second threshold; and the
thresholds themselves.

Who decides a pending request's current stage (``may_decide``):
- awaiting the office manager: an office manager, but never their own request; an office manager's
  own request is decided by another office manager or by a director (standing in for the office
  stage, with the director's authority, so no director step follows);
- awaiting the director: a director (a director's own request reaches this stage only after an
  office manager approved it, so two people have looked at it).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.selectors import directors
from apps.notifications.services import notify, notify_many
from apps.supplies.models import (
    Awaiting,
    LineDecision,
    RequestLine,
    RequestStatus,
    SupplyRequest,
    SupplySettings,
)
from apps.supplies.services.fulfilment import request_fulfil

REASON_MAX_LENGTH = 1000


def may_decide(request: SupplyRequest, user) -> bool:
    """Whether ``user`` decides the request's current stage now (see the module docstring).

    Reads the requester's groups only for a director looking at a request awaiting the office manager.
    """
    if request.status != RequestStatus.PENDING or not getattr(user, "is_active", False):
        return False
    if request.awaiting == Awaiting.OFFICE_MANAGER:
        if user.pk == request.requester_id:
            return False
        if user.is_office_manager:
            return True
        return user.is_director and request.requester.is_office_manager
    if request.awaiting == Awaiting.DIRECTOR:
        return user.is_director
    return False


def _check_decider(request: SupplyRequest, by) -> None:
    if not (by.is_active and (by.is_office_manager or by.is_director)):
        raise PermissionDenied(_("Only an office manager or a director decides supply requests."))
    if request.status != RequestStatus.PENDING or not request.awaiting:
        raise ValidationError(_("This request has already been decided."))
    if request.awaiting == Awaiting.OFFICE_MANAGER and by.pk == request.requester_id:
        raise PermissionDenied(_("You cannot decide your own request: another office manager or a director does."))
    if may_decide(request, by):
        return
    if request.awaiting == Awaiting.DIRECTOR:
        # An office manager posting again (twice, or from a page left open): the office stage is over.
        raise ValidationError(_("This request has already been decided; it now waits for the director."))
    raise ValidationError(_("The office manager decides this request first."))


def _approved_ids(candidates: list[RequestLine], approved_line_ids: Iterable | None) -> set[int]:
    candidate_ids = {line.pk for line in candidates}
    if approved_line_ids is None:
        return candidate_ids
    try:
        wanted = {int(pk) for pk in approved_line_ids}
    except (TypeError, ValueError) as exc:
        raise ValidationError({"lines": _("Choose among the request's lines.")}) from exc
    if not wanted <= candidate_ids:
        raise ValidationError({"lines": _("Choose among the lines still to decide.")})
    return wanted


def _final_status(lines: list[RequestLine]) -> str:
    approved = sum(1 for line in lines if line.decision == LineDecision.APPROVED)
    if not approved:
        return RequestStatus.REFUSED
    return RequestStatus.APPROVED if approved == len(lines) else RequestStatus.PARTLY_APPROVED


@transaction.atomic
def request_decide(
    *, request: SupplyRequest, by, approved_line_ids: Iterable | None = None, refusal_reason: str = ""
) -> SupplyRequest:
    """Decide the request's current stage; returns it, reloaded.

    ``approved_line_ids``: the lines approved (None: every line still to decide; empty: refuse it all,
    which needs ``refusal_reason``). The others become refused. At the office stage, when some lines
    are approved and their total excl. VAT is above ``SupplySettings.director_above`` (re-evaluated on
    what is approved), the request waits for the director, who is told; otherwise the decision is
    final: approved, partly approved or refused, the requester is told, and what is in stock is issued
    (``request_fulfil``). The director chooses among the lines the office manager approved.

    The request row is locked first: the same decision posted twice at once decides once, the second
    gets "already decided" (a ValidationError). PermissionDenied for someone who is neither an office
    manager nor a director, or who would decide their own request at the office stage.
    """
    request = SupplyRequest.objects.select_for_update().select_related("requester", "site").get(pk=request.pk)
    _check_decider(request, by)
    reason = (refusal_reason or "").strip()
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError({"reason": _("At most %(max)d characters.") % {"max": REASON_MAX_LENGTH}})
    if "\x00" in reason:  # PostgreSQL refuses it in text (the inbox's button posts the reason raw)
        raise ValidationError({"reason": _("Null characters are not allowed.")})
    office_stage = request.awaiting == Awaiting.OFFICE_MANAGER
    lines = list(request.lines.order_by("position", "pk"))
    wanted_decision = LineDecision.PENDING if office_stage else LineDecision.APPROVED
    candidates = [line for line in lines if line.decision == wanted_decision]
    approved_ids = _approved_ids(candidates, approved_line_ids)
    if not approved_ids and not reason:
        raise ValidationError({"reason": _("Say why the request is refused.")})
    changed = []
    for line in candidates:
        decision = LineDecision.APPROVED if line.pk in approved_ids else LineDecision.REFUSED
        if line.decision != decision:
            line.decision = decision
            changed.append(line)
    RequestLine.objects.bulk_update(changed, ["decision"])

    now = timezone.now()
    fields = ["refusal_reason"]
    request.refusal_reason = reason
    if office_stage and by.is_office_manager:
        request.office_decided_by, request.office_decided_at = by, now
        fields += ["office_decided_by", "office_decided_at"]
    if by.is_director:
        request.director_decided_by, request.director_decided_at = by, now
        fields += ["director_decided_by", "director_decided_at"]
    approved_total = sum((line.amount_excl_vat for line in lines if line.pk in approved_ids), Decimal("0"))
    if office_stage and not by.is_director and approved_ids:
        request.needs_director = approved_total > SupplySettings.current().director_above
        fields.append("needs_director")
        if request.needs_director:
            request.awaiting = Awaiting.DIRECTOR
            request.save(update_fields=[*fields, "awaiting"])
            notify_many(
                directors(),
                kind="supplies_request_director",
                context={"request": request, "total": approved_total, "by": by},
                url=request.get_absolute_url(),
            )
            return request
    request.status = _final_status(lines)
    request.awaiting = Awaiting.NOBODY
    request.save(update_fields=[*fields, "status", "awaiting"])
    _tell_requester(request, lines)
    if request.status != RequestStatus.REFUSED:
        request = request_fulfil(request=request, by=by)
    return request


_DECISION_KINDS = {
    RequestStatus.APPROVED: "supplies_request_approved",
    RequestStatus.PARTLY_APPROVED: "supplies_request_partly_approved",
    RequestStatus.REFUSED: "supplies_request_refused",
}


def _tell_requester(request: SupplyRequest, lines: list[RequestLine]) -> None:
    notify(
        recipient=request.requester,
        kind=_DECISION_KINDS[request.status],
        context={
            "request": request,
            "reason": request.refusal_reason,
            "approved": [line for line in lines if line.decision == LineDecision.APPROVED],
            "refused": [line for line in lines if line.decision == LineDecision.REFUSED],
        },
        url=request.get_absolute_url(),
    )


# --- the thresholds ------------------------------------------------------------------------------


@transaction.atomic
def supply_settings_update(
    *, by, auto_approve_below: Decimal, director_above: Decimal, pickup_place: str = ""
) -> SupplySettings:
    """Change the approval thresholds (excl. VAT) and the pick-up place; office managers only.

    The director's threshold is at least the automatic one (and the database checks it too); both are
    amounts of at least zero. They apply to requests submitted from now on, and the director's is
    re-evaluated on what the office manager approves.
    """
    if not (by.is_active and by.is_office_manager):
        raise PermissionDenied(_("Only an office manager sets the approval thresholds."))
    settings_row = SupplySettings.current()
    settings_row = SupplySettings.objects.select_for_update().get(pk=settings_row.pk)
    settings_row.auto_approve_below = auto_approve_below
    settings_row.director_above = director_above
    settings_row.pickup_place = (pickup_place or "").strip()
    if (
        isinstance(director_above, Decimal)
        and isinstance(auto_approve_below, Decimal)
        and director_above < auto_approve_below
    ):
        raise ValidationError(
            {"director_above": _("The director's threshold cannot be below the automatic approval threshold.")}
        )
    settings_row.full_clean()
    settings_row.save()
    return settings_row
