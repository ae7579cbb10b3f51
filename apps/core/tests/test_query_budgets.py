"""Every key page costs a fixed number of SQL queries, at most 15, whatever the data volume.

The pages are the ones apps register through ``benchmark_pages()`` (see apps/core/registry.py);
each is opened as the demo user of its role on the demo company seeded small, then with ten
times the people and their history. The counted request is the second one, as the benchmark
counts it: caches that fill on the first request are part of the steady state.

Counted twice: without the read cache (apps/core/cache.py), every request reading everything
(what a page costs when its data has just changed), and with it, where the repeat request must
cost no more.
"""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from apps.core import cache as kept_reads
from apps.core import registry

SMALL_SCALE = 0.25  # about 10 people
LARGE_SCALE = 2.5  # ten times as many, each with the same span of history
YEARS = 1
DEMO_USERS = {
    "staff": "staff@example.com",
    "manager": "manager@example.com",
    "office_manager": "office@example.com",
    "director": "director@example.com",
}

PAGES = registry.benchmark_pages()

# The mark also makes pytest-django create the test database before the module fixture below,
# which seeds it outside any single test.
pytestmark = pytest.mark.django_db


def _queries_of_one_request(page, *, first: bool = False) -> int:
    """The queries of a repeat request to the page (``first``: of the first one)."""
    client = Client()
    if page.role != "anonymous":
        client.force_login(get_user_model().objects.get(email=DEMO_USERS[page.role]))
    url = page.url()  # a page about one object finds it in the data just seeded
    if not first:
        client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, f"{url} as {page.role} answered {response.status_code}"
    return len(captured.captured_queries)


def _measure(page, *, first: bool = False) -> int | str:
    """The page's query count, or why it could not be counted: one broken page fails only its own test."""
    try:
        # A savepoint: a database error on one page leaves the seeded data usable for the others.
        with transaction.atomic():
            return _queries_of_one_request(page, first=first)
    except Exception as exc:  # reported by that page's test
        return f"{exc.__class__.__name__}: {exc}"


@pytest.fixture(scope="module")
def query_counts(django_db_setup, django_db_blocker) -> dict:
    """Seed small, count every page, seed ten times larger, count again; then roll everything back."""
    counts: dict = {"people": {}}
    # The demo accounts get real passwords; a fast hasher keeps seeding quick in tests.
    fast_hasher = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    # The module's fixture runs before the per-test settings (CI's REDIS_URL turns the cache on).
    no_read_cache = override_settings(READ_CACHE=False)
    read_cache = override_settings(
        READ_CACHE=True, CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    )
    with django_db_blocker.unblock(), fast_hasher, transaction.atomic():
        for size, scale in (("small", SMALL_SCALE), ("large", LARGE_SCALE)):
            call_command("seed_demo", scale=scale, years=YEARS, stdout=StringIO())
            counts["people"][size] = get_user_model().objects.count()
            with no_read_cache:
                cache.clear()
                counts[size] = {page.path: _measure(page) for page in PAGES}
            # Nothing commits here, so no table version changes: what was kept is forgotten by hand.
            with read_cache:
                counts[f"{size} missed"] = {}
                for page in PAGES:  # each page's first request with nothing kept: what the bench's miss costs
                    cache.clear()
                    kept_reads.reset()
                    counts[f"{size} missed"][page.path] = _measure(page, first=True)
                cache.clear()
                kept_reads.reset()
                counts[f"{size} kept"] = {page.path: _measure(page) for page in PAGES}
                kept_reads.reset()
        # Nothing seeded here may leak into the other tests of the session.
        transaction.set_rollback(True)
    cache.clear()
    return counts


def test_every_role_of_a_key_page_has_a_demo_account():
    assert PAGES, "no app registers a key page through benchmark_pages()"
    for page in PAGES:
        assert page.role in DEMO_USERS or page.role == "anonymous", f"{page.path}: unknown role {page.role!r}"


def test_the_large_data_set_has_ten_times_the_people(query_counts):
    people = query_counts["people"]
    assert people["large"] >= 8 * people["small"], people


# Not "page": pytest-playwright owns a fixture of that name.
@pytest.mark.parametrize("key_page", PAGES, ids=[page.path for page in PAGES])
def test_key_page_queries_are_bounded_and_constant_in_data_size(query_counts, key_page):
    small = query_counts["small"][key_page.path]
    large = query_counts["large"][key_page.path]
    for size, count in (("small", small), ("large", large)):
        if isinstance(count, str):
            pytest.fail(f"{key_page.path} as {key_page.role} failed on the {size} data set: {count}")
    assert small == large, f"{key_page.path}: {small} queries on the small data set, {large} with ten times the rows"
    budget = key_page.max_queries
    assert large <= budget, f"{key_page.path}: {large} queries, the budget is {budget}"


@pytest.mark.parametrize("key_page", PAGES, ids=[page.path for page in PAGES])
def test_a_repeat_request_with_the_read_cache_costs_no_more(query_counts, key_page):
    for size in ("small", "large"):
        kept = query_counts[f"{size} kept"][key_page.path]
        if isinstance(kept, str):
            pytest.fail(f"{key_page.path} as {key_page.role} failed on the {size} data set with the read cache: {kept}")
        assert kept <= query_counts[size][key_page.path], f"{key_page.path}: {kept} queries with the read cache"
    small, large = query_counts["small kept"][key_page.path], query_counts["large kept"][key_page.path]
    assert small == large, f"{key_page.path} with the read cache: {small} queries, then {large} with ten times the rows"


@pytest.mark.parametrize("key_page", PAGES, ids=[page.path for page in PAGES])
def test_a_first_request_with_the_read_cache_empty_stays_within_the_budget(query_counts, key_page):
    """With the cache on and empty, a page computes every kept read on its own (no request memo shared
    with the badges): still at most the budget, whatever the data size."""
    for size in ("small", "large"):
        missed = query_counts[f"{size} missed"][key_page.path]
        if isinstance(missed, str):
            pytest.fail(f"{key_page.path} as {key_page.role} failed on the {size} data set, cache empty: {missed}")
        assert missed <= key_page.max_queries, f"{key_page.path}: {missed} queries with the read cache empty"
