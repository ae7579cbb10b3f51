"""apps/accounts/paging.py: Paginator pages through PagedRows as through the list itself."""

import pytest
from django.core.paginator import Paginator

from apps.core.paging import PagedRows, page_start


class _List:
    """A list behind PagedRows, counting the calls (each stands for one query)."""

    def __init__(self, size: int, *, counted: bool = True):
        self.items = list(range(size))
        self.counted = counted
        self.calls = []

    def count(self):
        self.calls.append("count")
        return len(self.items)

    def fetch(self, start, stop):
        self.calls.append(("fetch", start))
        rows = self.items[start:stop]
        return rows, (len(self.items) if self.counted and rows else None)


@pytest.mark.parametrize("number", [None, "", "1", 1, "abc", "2", "3", "7", "99", "-1", "0", "2.5", 2.0])
@pytest.mark.parametrize("size", [0, 1, 10, 11, 25])
@pytest.mark.parametrize("counted", [True, False])
def test_the_pages_are_those_of_the_list(number, size, counted):
    rows = _List(size, counted=counted)
    got = Paginator(PagedRows(count=rows.count, fetch=rows.fetch, per_page=5, start=page_start(number, 5)), 5)
    want = Paginator(rows.items, 5)
    got_page, want_page = got.get_page(number), want.get_page(number)
    assert (got.count, got_page.number, list(got_page)) == (want.count, want_page.number, list(want_page))


def test_the_asked_page_costs_one_fetch_when_it_counts():
    rows = _List(12)
    page = Paginator(PagedRows(count=rows.count, fetch=rows.fetch, per_page=5, start=5), 5).get_page("2")
    assert list(page) == [5, 6, 7, 8, 9]
    assert rows.calls == [("fetch", 5)]


def test_a_page_past_the_end_is_counted_then_the_last_page_fetched():
    rows = _List(12)
    page = Paginator(PagedRows(count=rows.count, fetch=rows.fetch, per_page=5, start=45), 5).get_page("10")
    assert list(page) == [10, 11]
    assert rows.calls == [("fetch", 45), "count", ("fetch", 10)]


def test_page_start_reads_the_page_number_as_paginator_does():
    assert [page_start(n, 25) for n in (None, "x", "1", "2", 3, "0", "-4", "1.5")] == [0, 0, 0, 25, 50, 0, 0, 0]
