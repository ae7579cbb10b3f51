"""The notifications list's rows (selectors.my_notification_page): the dates as Django's filters
write them, and every page of the queryset for two queries (the count and the page)."""

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
    assert utc == "1 July 2026, 22:15"  # day-month-year and the 24-hour clock in English too


def test_rows_carry_the_plain_text_for_the_template_to_escape(org):
    n = NotificationFactory(recipient=org.staff, title="<b>Title</b>", body="a & b\nc", url="/me/")
    row = selectors.notification_row(n)
    assert (row.title, row.body, row.has_link, row.is_read) == ("<b>Title</b>", "a & b\nc", True, False)
    assert not hasattr(row.body, "__html__")  # nothing marked safe before the template escapes it


def test_every_page_has_the_rows_of_the_queryset(org, django_assert_num_queries):
    start = timezone.now()
    for n in range(17):
        NotificationFactory(recipient=org.staff, created_at=start - dt.timedelta(minutes=n % 4), read_at=None)
    NotificationFactory(recipient=org.colleague)
    expected = list(selectors.notifications_for(org.staff).values_list("pk", flat=True))
    got = []
    for number in range(1, 7):
        with django_assert_num_queries(2):  # the count and the page
            page = selectors.my_notification_page(org.staff, per_page=3, page=number)
        assert page.paginator.count == len(expected) == 17
        got += [row.pk for row in page.object_list]
    assert got == expected
    # Past the end: the last page.
    page = selectors.my_notification_page(org.staff, per_page=3, page=99)
    assert [row.pk for row in page.object_list] == expected[15:]
