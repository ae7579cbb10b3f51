"""Every write of the leave app. Import from here: ``from apps.leave import services``.

Requests (apps/leave/services/requests.py)
    ``leave_request_preview(*, person, leave_type, start, start_half, end, end_half, document=None,
    submitted_by=None, check_document=True) -> Preview`` — days, ``available``, ``balance_after``,
    ``errors``, ``warnings``; saves nothing (the HTMX form preview).
    ``leave_request_submit(*, person, leave_type, start, start_half, end, end_half, comment,
    document, submitted_by) -> Submission(request, warnings)`` — ValidationError listing every
    broken rule: end before start, zero days, overlap, balance beyond the allowed negative (pending
    requests count), past dates (office manager only), missing document, family event max days.

Decisions (apps/leave/services/approvals.py) — each locks the request, checks the transition and
who decides (PermissionDenied otherwise), notifies on commit:
    ``leave_request_approve(*, request, by, comment="")``, ``leave_request_refuse(*, request, by,
    reason)``, ``leave_request_cancel(*, request, by)``, ``leave_request_cancellation_confirm(*,
    request, by, comment="")``, ``leave_request_cancellation_decline(*, request, by, comment="")``,
    ``deputy_create(*, person, deputy, start, end, by)``, ``deputy_delete(*, deputy, by)``.

Ledger (apps/leave/services/ledger.py) — balances are sums of LedgerEntry rows:
    ``leave_accrue_month(*, year, month) -> int``, ``leave_period_rollover(*, today=None) ->
    RolloverResult``, ``leave_balance_adjust(*, person, leave_type, days, reason, by, on=None)``,
    ``leave_balances_import_csv(*, file, by, on=None) -> int`` (ValidationError "Row N: …").

Reminders (apps/leave/services/reminders.py), called by beat tasks:
    ``leave_send_pending_reminders(*, today=None) -> int``, ``leave_send_tomorrow_absences(*,
    today=None) -> int``.

Retention (apps/leave/services/retention.py), called by a beat task:
    ``leave_documents_purge(*, today=None) -> int`` — deletes the supporting documents of requests
    ended more than ``settings.LEAVE_DOCUMENT_RETENTION_DAYS`` ago and sets ``document_deleted_at``.

Privacy: a private type's name, comment and document are for the person and the office managers
only (``_common.sees_details``; ``request_context(request, recipient=...)`` for the e-mails).

Notification kinds (templates/emails/<kind>[_subject].txt): leave_submitted,
leave_cancellation_requested (to the approver), leave_approved, leave_refused, leave_cancelled,
leave_cancellation_declined (to the requester), leave_pending_reminder, leave_tomorrow_absences.
E-mails link to ``reverse("leave:request_detail", kwargs={"pk": ...})`` once the UI defines it.
"""

from apps.leave.services.approvals import (
    deputy_create,
    deputy_delete,
    first_step_approver,
    leave_request_approve,
    leave_request_cancel,
    leave_request_cancellation_confirm,
    leave_request_cancellation_decline,
    leave_request_refuse,
)
from apps.leave.services.ledger import (
    RolloverResult,
    leave_accrue_month,
    leave_balance_adjust,
    leave_balances_import_csv,
    leave_period_rollover,
)
from apps.leave.services.reminders import leave_send_pending_reminders, leave_send_tomorrow_absences
from apps.leave.services.requests import Preview, Submission, leave_request_preview, leave_request_submit
from apps.leave.services.retention import leave_documents_purge

__all__ = [
    "Preview",
    "RolloverResult",
    "Submission",
    "deputy_create",
    "deputy_delete",
    "first_step_approver",
    "leave_accrue_month",
    "leave_balance_adjust",
    "leave_balances_import_csv",
    "leave_documents_purge",
    "leave_period_rollover",
    "leave_request_approve",
    "leave_request_cancel",
    "leave_request_cancellation_confirm",
    "leave_request_cancellation_decline",
    "leave_request_preview",
    "leave_request_refuse",
    "leave_request_submit",
    "leave_send_pending_reminders",
    "leave_send_tomorrow_absences",
]
