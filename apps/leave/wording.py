"""How a leave's dates and days read, in the active language: one wording for the e-mails, the
notifications, the inbox and the request page.

``leave_period(start, start_half, end, end_half)``: “from Monday 7 December to the morning of
Friday 11 December 2026 (back in the afternoon)” / “du lundi 7 décembre au vendredi 11 décembre 2026
au matin (retour l'après-midi)”. An end on a morning means the person is back that afternoon
(counting.py), so the text says so rather than “(Morning)”.

``days_text(days)``: “1 day”, “2.5 days” / “1 jour”, “2,5 jours” through ngettext.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.core.dates import date_text
from apps.core.formatting import format_days, plural_count
from apps.leave.counting import AFTERNOON, MORNING

WITH_YEAR = "l j F Y"
WITHOUT_YEAR = "l j F"


def leave_period(start: dt.date, start_half: str, end: dt.date, end_half: str) -> str:
    """The leave's dates in words, with the weekday, the year once (on the start too when the
    years differ) and the half days spelled out."""
    if start == end:
        day = date_text(start, WITH_YEAR)
        if end_half == MORNING:
            return _("on the morning of %(day)s (back in the afternoon)") % {"day": day}
        if start_half == AFTERNOON:
            return _("on the afternoon of %(day)s") % {"day": day}
        return _("on %(day)s") % {"day": day}
    words = {
        "start": date_text(start, WITHOUT_YEAR if start.year == end.year else WITH_YEAR),
        "end": date_text(end, WITH_YEAR),
    }
    from_afternoon, back_afternoon = start_half == AFTERNOON, end_half == MORNING
    if from_afternoon and back_afternoon:
        text = _("from the afternoon of %(start)s to the morning of %(end)s (back in the afternoon)")
    elif from_afternoon:
        text = _("from the afternoon of %(start)s to %(end)s")
    elif back_afternoon:
        text = _("from %(start)s to the morning of %(end)s (back in the afternoon)")
    else:
        text = _("from %(start)s to %(end)s")
    return text % words


def request_period(leave_request) -> str:
    """leave_period() of a LeaveRequest."""
    return leave_period(
        leave_request.start_date, leave_request.start_half, leave_request.end_date, leave_request.end_half
    )


def days_text(days: Decimal | int) -> str:
    """A number of days with its noun, singular or plural as the language says (“0,5 jour”, “0.5 days”)."""
    return ngettext("%(days)s day", "%(days)s days", plural_count(days)) % {"days": format_days(days)}


def days_counted(days: Decimal | int) -> str:
    """The words after the preview's big number: “day counted” / “days counted”, as days_text()."""
    return ngettext("day counted", "days counted", plural_count(days))


def short_span(start: dt.date, end: dt.date, *, today: dt.date | None = None) -> str:
    """“4–8 May”, “30 Dec 2026–2 Jan 2027”: short, for lists and subjects. The year is written when
    a date is not in ``today``'s year, and always without ``today`` (an e-mail is read years later)."""
    same_year = today is not None and start.year == today.year and end.year == today.year
    fmt = "j N" if same_year else "j N Y"
    if start == end:
        return date_text(start, fmt)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{date_text(end, fmt)}"
    if start.year == end.year:
        return f"{date_text(start, 'j N')}–{date_text(end, fmt)}"
    return f"{date_text(start, 'j N Y')}–{date_text(end, 'j N Y')}"
