"""A leave's dates and days read as a person says them, in French and English: weekdays, the year
once, an end on a morning read as "back in the afternoon", and "1 day" / "2 days"."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from apps.leave import services
from apps.leave.tests.test_privacy import text_for
from apps.leave.wording import days_counted, days_text, leave_period, short_span

D = dt.date
M, A = "morning", "afternoon"


@pytest.mark.parametrize(
    ("language", "args", "expected"),
    [
        ("fr", (D(2026, 12, 7), M, D(2026, 12, 11), A), "du lundi 7 décembre au vendredi 11 décembre 2026"),
        (
            "fr",
            (D(2026, 12, 7), M, D(2026, 12, 11), M),
            "du lundi 7 décembre au vendredi 11 décembre 2026 au matin (retour l'après-midi)",
        ),
        (
            "fr",
            (D(2026, 12, 7), A, D(2026, 12, 11), M),
            "du lundi 7 décembre après-midi au vendredi 11 décembre 2026 au matin (retour l'après-midi)",
        ),
        ("fr", (D(2026, 12, 30), M, D(2027, 1, 4), A), "du mercredi 30 décembre 2026 au lundi 4 janvier 2027"),
        ("fr", (D(2026, 12, 7), M, D(2026, 12, 7), A), "le lundi 7 décembre 2026"),
        ("fr", (D(2026, 12, 7), M, D(2026, 12, 7), M), "le lundi 7 décembre 2026 au matin (retour l'après-midi)"),
        ("fr", (D(2026, 12, 7), A, D(2026, 12, 7), A), "le lundi 7 décembre 2026 après-midi"),
        ("en", (D(2026, 12, 7), M, D(2026, 12, 11), A), "from Monday 7 December to Friday 11 December 2026"),
        (
            "en",
            (D(2026, 12, 7), M, D(2026, 12, 11), M),
            "from Monday 7 December to the morning of Friday 11 December 2026 (back in the afternoon)",
        ),
        ("en", (D(2026, 12, 7), A, D(2026, 12, 7), A), "on the afternoon of Monday 7 December 2026"),
    ],
)
def test_a_leave_period_reads_as_a_sentence_with_the_half_days_spelled_out(language, args, expected):
    with translation.override(language):
        assert leave_period(*args) == expected


@pytest.mark.parametrize(
    ("language", "days", "expected"),
    [
        ("fr", 1, "1 jour"),
        ("fr", Decimal("0.5"), "0,5 jour"),
        ("fr", Decimal("1.5"), "1,5 jour"),
        ("fr", Decimal("2.5"), "2,5 jours"),
        ("fr", 5, "5 jours"),
        ("en", 1, "1 day"),
        ("en", Decimal("0.5"), "0.5 days"),
        ("en", 2, "2 days"),
        # A balance below zero (the inbox's "after this request") counts by its size.
        ("fr", -3, "-3 jours"),
        ("fr", Decimal("-1.5"), "-1,5 jour"),
        ("en", -1, "-1 day"),
        ("en", -3, "-3 days"),
    ],
)
def test_days_are_singular_or_plural_as_the_language_says(language, days, expected):
    with translation.override(language):
        assert days_text(days) == expected


def test_a_short_span_has_the_year_only_when_a_date_is_not_in_this_year():
    today = D(2026, 12, 2)
    with translation.override("en"):
        assert short_span(D(2026, 12, 7), D(2026, 12, 11), today=today) == "7–11 Dec."
        assert short_span(D(2027, 1, 4), D(2027, 1, 8), today=today) == "4–8 Jan. 2027"
        assert short_span(D(2026, 12, 30), D(2027, 1, 4), today=today) == "30 Dec. 2026–4 Jan. 2027"
        assert short_span(D(2026, 12, 7), D(2026, 12, 11)) == "7–11 Dec. 2026"  # an e-mail subject


def test_the_approvers_email_words_the_dates_in_their_language(org, leave):
    org.manager.language = "fr"
    org.manager.save(update_fields=["language"])
    request = leave(org.staff, D(2026, 5, 4), D(2026, 5, 8), end_half=M)
    told = text_for(org.manager, kind="leave_submitted")
    days = str(request.days.normalize()).replace(".", ",")
    assert f"du lundi 4 mai au vendredi 8 mai 2026 au matin (retour l'après-midi), {days} jours." in told
    assert "(Matin)" not in told and "04/05/2026" not in told
    assert "4–8 mai 2026" in told  # the subject


def test_the_requesters_email_says_one_day_not_days(org, leave):
    request = leave(org.staff, D(2026, 5, 4), D(2026, 5, 4))
    services.leave_request_approve(request=request, by=org.manager)
    told = text_for(org.staff, kind="leave_approved")
    assert "on Monday 4 May 2026, 1 day." in told


def test_the_preview_says_day_or_days_counted_as_the_language_says():
    with translation.override("en"):
        assert [days_counted(d) for d in (1, Decimal("0.5"), 3)] == ["day counted", "days counted", "days counted"]
    with translation.override("fr"):
        words = [days_counted(d) for d in (1, Decimal("1.5"), 3)]
    assert words == ["jour décompté", "jour décompté", "jours décomptés"]


def test_tomorrows_absences_are_worded_in_the_office_managers_language(org, leave):
    org.office_manager.language = "fr"
    org.office_manager.save(update_fields=["language"])
    request = leave(org.staff, D(2026, 3, 2), D(2026, 3, 3), end_half=M, by=org.office_manager)
    services.leave_request_approve(request=request, by=org.manager)
    assert services.leave_send_tomorrow_absences(today=D(2026, 3, 2)) == 1
    told = text_for(org.office_manager, kind="leave_tomorrow_absences")
    assert "mardi 3 mars 2026" in told and "03/03/2026" not in told
    assert "(le matin seulement, retour l'après-midi)" in told
