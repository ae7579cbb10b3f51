"""The notifications list's rows (selectors.my_notification_rows): the dates as Django's filters
write them, and every page of the queryset for a query or none."""

import datetime as dt

import pytest
import time_machine
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.utils import formats, timezone, translation

from apps.notifications import display, selectors

from .factories import NotificationFactory

NOW = dt.datetime(2026, 3, 31, 10, 30, 15, tzinfo=dt.UTC)

AGES = [
    dt.timedelta(0),
    dt.timedelta(seconds=1),
    dt.timedelta(seconds=59),
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=59, seconds=59),
    dt.timedelta(hours=1),
    dt.timedelta(hours=23, minutes=59),
    dt.timedelta(days=1),
    dt.timedelta(days=1, hours=5),
    dt.timedelta(days=13),
    dt.timedelta(days=31),
    dt.timedelta(days=45, hours=3),
    dt.timedelta(days=366),
    dt.timedelta(days=800, minutes=7),
    -dt.timedelta(seconds=30),
    -dt.timedelta(minutes=5),
    -dt.timedelta(hours=3),
    -dt.timedelta(days=2, hours=1),
]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_dates_read_as_the_template_filters_write_them(language):
    with translation.override(language), time_machine.travel(NOW, tick=False):
        for _ in range(2):  # the second round comes from the memoized fragments
            for age in AGES:
                value = NOW - age
                assert display.natural_time(value) == str(naturaltime(value)), age
                local = timezone.localtime(value)
                assert display.datetime_text(value) == formats.date_format(local, "DATETIME_FORMAT")
                assert display.datetime_iso(value) == local.isoformat()


def test_date_text_follows_the_active_time_zone():
    value = dt.datetime(2026, 7, 1, 22, 15, tzinfo=dt.UTC)
    with translation.override("en"):
        with timezone.override("Europe/Paris"):
            paris = display.datetime_text(value)
        with timezone.override("UTC"):
            utc = display.datetime_text(value)
    assert paris != utc
    assert "10:15" in utc or "10:15 p.m." in utc


def test_rows_carry_the_plain_text_for_the_template_to_escape(org):
    n = NotificationFactory(recipient=org.staff, title="<b>Title</b>", body="a & b\nc", url="/me/")
    row = selectors.notification_row(n)
    assert (row.title, row.body, row.has_link, row.is_read) == ("<b>Title</b>", "a & b\nc", True, False)
    assert not hasattr(row.body, "__html__")  # nothing marked safe before the template escapes it


def test_every_page_has_the_rows_of_the_queryset(org, django_assert_num_queries):
    start = timezone.now()
    for n in range(selectors.PREPARED_PAGES * 3 + 2):
        NotificationFactory(recipient=org.staff, created_at=start - dt.timedelta(minutes=n % 4), read_at=None)
    NotificationFactory(recipient=org.colleague)
    expected = list(selectors.notifications_for(org.staff).values_list("pk", flat=True))
    paged = selectors.my_notification_rows(org.staff, per_page=3)
    with django_assert_num_queries(1):  # the first page, which carries the count
        assert paged.count() == len(expected) == selectors.PREPARED_PAGES * 3 + 2
    got = []
    for start in range(0, len(expected), 3):  # past the prepared pages too
        with django_assert_num_queries(0 if start == 0 else 1):
            got += [row.pk for row in paged[start : min(start + 3, len(expected))]]
    assert got == expected
    # A later page asked for: its query counts; past the prepared pages, or past the end, count() does.
    for page, queries in [(2, 1), (selectors.PREPARED_PAGES + 1, 2), (99, 2)]:
        paged = selectors.my_notification_rows(org.staff, per_page=3, page=str(page))
        with django_assert_num_queries(queries):
            assert paged.count() == len(expected)
