"""In English, dates read day-month-year (and times on the 24-hour clock), never in the US order: a
French company's 07/12/2026 is the 7th of December (issue #12)."""

import datetime as dt

import pytest
from django import forms
from django.utils import formats, translation

from apps.core.tests.pages import Page

DAY = dt.date(2026, 12, 7)
MOMENT = dt.datetime(2026, 12, 7, 14, 30)


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("DATE_FORMAT", "7 December 2026"),
        ("SHORT_DATE_FORMAT", "07/12/2026"),
        ("YEAR_MONTH_FORMAT", "December 2026"),
        ("MONTH_DAY_FORMAT", "7 December"),
    ],
)
def test_english_date_formats_are_day_first(fmt, text):
    with translation.override("en"):
        assert formats.date_format(DAY, fmt) == text


def test_english_times_are_on_the_24_hour_clock():
    with translation.override("en"):
        assert formats.date_format(MOMENT, "DATETIME_FORMAT") == "7 December 2026, 14:30"
        assert formats.date_format(MOMENT, "SHORT_DATETIME_FORMAT") == "07/12/2026 14:30"
        assert formats.time_format(MOMENT.time(), "TIME_FORMAT") == "14:30"


def test_a_typed_english_date_is_read_day_first():
    class DayForm(forms.Form):
        day = forms.DateField()

    with translation.override("en"):
        form = DayForm(data={"day": "07/12/2026"})
        assert form.is_valid() and form.cleaned_data["day"] == DAY
        assert DayForm(data={"day": "2026-12-07"}).is_valid()  # what a date input sends


def test_french_keeps_its_formats():
    with translation.override("fr"):
        assert formats.date_format(DAY, "DATE_FORMAT") == "7 décembre 2026"
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == "07/12/2026"


def test_the_jinja2_date_filter_and_the_page_language_in_english(org, client_for):
    org.staff.language = "en"
    org.staff.save(update_fields=["language"])
    response = client_for(org.staff).get("/leave/calendar/")
    page = Page(response.content)
    assert b'<html lang="en-GB">' in response.content
    # FullCalendar formats its dates with Intl in the British locale, and numbers weeks the ISO way.
    assert page.find("div", id="leave-calendar")[0].attrs["data-locale"] == "en-gb"


def test_french_pages_stay_french(org, client_for):
    org.staff.language = "fr"
    org.staff.save(update_fields=["language"])
    response = client_for(org.staff).get("/leave/calendar/")
    assert b'<html lang="fr">' in response.content
    assert Page(response.content).find("div", id="leave-calendar")[0].attrs["data-locale"] == "fr"
