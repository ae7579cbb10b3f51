"""Contract deadline arithmetic: the last day to give notice, the renewals, the warning date.

Pure functions of dates (no database), exact across month ends and leap years.

- A notice period runs like a French procedural period in months (Code de procédure civile art. 641):
  notice given on day D with ``m`` months (and ``d`` extra days) runs until ``D + m months + d days``,
  the same-numbered day of the month, or that month's last day when it has none (``relativedelta``).
  It is in time when that day is not after the term's last day. So the last day to give notice is the
  latest D with ``D + period <= term end``: a contract ending on 31 May with 3 months' notice must be
  cancelled by 28 February (29 in a leap year), one ending on 30 June by 31 March.
- A tacitly renewed contract runs for ``renewal_months`` more each time; every term is counted from the
  first one's end (``ends_on + 1 day + n × renewal − 1 day``), so a term ending on 29 February rolls to
  28 February, then back to 29 February in the next leap year, never drifting to the 28th for ever.
- The office manager is warned ``CONTRACT_NOTICE_WARNING_DAYS`` (30) days before the last day to cancel.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from apps.suppliers.models import CONTRACT_NOTICE_WARNING_DAYS

ONE_DAY = dt.timedelta(days=1)
# A contract renewed monthly since 1900 has fewer terms than this; beyond it, no deadline is computed.
MAX_TERMS = 3000


def notice_period(months: int, days: int) -> relativedelta:
    return relativedelta(months=months or 0, days=days or 0)


def last_notice_day(term_end: dt.date, months: int, days: int) -> dt.date | None:
    """The last day notice can be given for it to run out by ``term_end`` (None before year 1)."""
    period = notice_period(months, days)
    if not period:
        return term_end
    try:
        candidate = term_end - period
        # Month arithmetic clamps to month ends: step to the exact latest day that still fits.
        while candidate + period > term_end:
            candidate -= ONE_DAY
        while candidate + ONE_DAY + period <= term_end:
            candidate += ONE_DAY
    except (OverflowError, ValueError):
        return None
    return candidate


def warning_day(last_day: dt.date) -> dt.date | None:
    try:
        return last_day - dt.timedelta(days=CONTRACT_NOTICE_WARNING_DAYS)
    except OverflowError:
        return None


def term_end(first_end: dt.date, renewal_months: int, n: int) -> dt.date | None:
    """The end of the ``n``-th renewed term (0: the current contract's ``ends_on``)."""
    if n == 0:
        return first_end
    try:
        return first_end + ONE_DAY + relativedelta(months=renewal_months * n) - ONE_DAY
    except (OverflowError, ValueError):
        return None


@dataclass(frozen=True)
class Deadline:
    """What a contract asks of the office next.

    ``kind`` is ``"notice"`` (a tacitly renewed contract: cancel by ``date`` or it renews on
    ``renews_on``), ``"ends"`` (a contract without renewal ends on ``date``), or ``"terminated"``
    (notice given: it ends on ``date``).
    """

    kind: str
    date: dt.date
    term_end: dt.date
    renews_on: dt.date | None = None
    warn_on: dt.date | None = None


def next_deadline(
    *,
    ends_on: dt.date,
    tacit_renewal: bool,
    renewal_months: int,
    notice_months: int,
    notice_days: int,
    terminated_on: dt.date | None,
    today: dt.date,
) -> Deadline | None:
    """The first deadline on or after ``today`` (None when the contract is over or out of range)."""
    if terminated_on is not None:
        end = effective_end(
            ends_on=ends_on,
            tacit_renewal=tacit_renewal,
            renewal_months=renewal_months,
            notice_months=notice_months,
            notice_days=notice_days,
            terminated_on=terminated_on,
        )
        if end is None or end < today:
            return None
        return Deadline(kind="terminated", date=end, term_end=end)
    if not tacit_renewal:
        if ends_on < today:
            return None
        return Deadline(kind="ends", date=ends_on, term_end=ends_on, warn_on=warning_day(ends_on))
    for n in range(MAX_TERMS):
        end = term_end(ends_on, renewal_months, n)
        if end is None:
            return None
        last = last_notice_day(end, notice_months, notice_days)
        if last is None:
            continue
        if last >= today:
            renews_on = end + ONE_DAY if end < dt.date.max else None
            return Deadline(kind="notice", date=last, term_end=end, renews_on=renews_on, warn_on=warning_day(last))
    return None


def effective_end(
    *,
    ends_on: dt.date,
    tacit_renewal: bool,
    renewal_months: int,
    notice_months: int,
    notice_days: int,
    terminated_on: dt.date,
) -> dt.date | None:
    """When a contract cancelled on ``terminated_on`` actually ends: the end of the first term whose
    notice deadline it met (notice given too late runs to the end of the next term)."""
    if not tacit_renewal:
        return ends_on
    for n in range(MAX_TERMS):
        end = term_end(ends_on, renewal_months, n)
        if end is None:
            return None
        last = last_notice_day(end, notice_months, notice_days)
        if last is not None and terminated_on <= last:
            return end
    return None


def deadlines_between(
    *,
    ends_on: dt.date,
    tacit_renewal: bool,
    renewal_months: int,
    notice_months: int,
    notice_days: int,
    terminated_on: dt.date | None,
    start: dt.date,
    end: dt.date,
) -> list[Deadline]:
    """Every deadline from ``start`` to ``end`` (included): the agenda's view of a contract."""
    found = []
    if terminated_on is not None or not tacit_renewal:
        deadline = next_deadline(
            ends_on=ends_on,
            tacit_renewal=tacit_renewal,
            renewal_months=renewal_months,
            notice_months=notice_months,
            notice_days=notice_days,
            terminated_on=terminated_on,
            today=start,
        )
        return [deadline] if deadline is not None and deadline.date <= end else []
    for n in range(MAX_TERMS):
        term = term_end(ends_on, renewal_months, n)
        if term is None:
            break
        last = last_notice_day(term, notice_months, notice_days)
        if last is None:
            continue
        if last > end:
            break
        if last >= start:
            renews_on = term + ONE_DAY if term < dt.date.max else None
            found.append(
                Deadline(kind="notice", date=last, term_end=term, renews_on=renews_on, warn_on=warning_day(last))
            )
    return found


def contract_deadline(contract, today: dt.date) -> Deadline | None:
    return next_deadline(
        ends_on=contract.ends_on,
        tacit_renewal=contract.tacit_renewal,
        renewal_months=contract.renewal_months,
        notice_months=contract.notice_months,
        notice_days=contract.notice_days,
        terminated_on=contract.terminated_on,
        today=today,
    )


def contract_deadlines_between(contract, start: dt.date, end: dt.date) -> list[Deadline]:
    return deadlines_between(
        ends_on=contract.ends_on,
        tacit_renewal=contract.tacit_renewal,
        renewal_months=contract.renewal_months,
        notice_months=contract.notice_months,
        notice_days=contract.notice_days,
        terminated_on=contract.terminated_on,
        start=start,
        end=end,
    )
