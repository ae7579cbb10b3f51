"""The read cache (apps/core/cache.py): a kept read is served with no query while nothing it read
changes, and read again after every kind of committed write to a table it read, and only then."""

from __future__ import annotations

import os
import threading
import time
import uuid
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.cache.backends import locmem
from django.db import connection, transaction
from django.db.backends.base.base import NO_DB_ALIAS
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.safestring import SafeString

from apps.accounts.models import Site, User
from apps.accounts.tests.factories import SiteFactory
from apps.core import cache as read_cache

# Real commits. Serialized rollback, as the other transactional tests: the flush after them must not
# leave the rows post_migrate creates for a later test that restores the serialized database.
TRANSACTIONAL = pytest.mark.django_db(transaction=True, serialized_rollback=True)
LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "read-cache-tests"}}


@pytest.fixture
def cache_on(settings):
    """The read cache on, as in production, on a fresh local-memory cache."""
    settings.CACHES = LOCMEM
    settings.READ_CACHE = True
    caches["default"].clear()
    read_cache.reset()
    yield
    read_cache.reset()


class Reads:
    """A cached read of the sites' names that counts how often it really runs."""

    def __init__(self, key=("sites",)):
        self.key = key
        self.runs = 0

    def compute(self):
        self.runs += 1
        return sorted(Site.objects.values_list("name", flat=True))

    def __call__(self):
        return read_cache.cached(self.key, self.compute)


def group_names():
    return sorted(Group.objects.values_list("name", flat=True))


def test_a_hit_runs_no_query(cache_on, db, django_assert_num_queries):
    SiteFactory(name="Lyon")
    reads = Reads()
    assert reads() == ["Lyon"]
    with django_assert_num_queries(0):
        assert reads() == ["Lyon"]
    assert reads.runs == 1


def test_without_the_setting_every_read_runs(db, settings):
    settings.READ_CACHE = False
    reads = Reads()
    reads()
    reads()
    assert reads.runs == 2


def _save(site):
    site.name = "Renamed"
    site.save(update_fields=["name"])


def _raw_update(site):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE accounts_site SET name = %s WHERE id = %s", ["Renamed", site.pk])


WRITES = {
    "save": _save,
    "create": lambda site: SiteFactory(name="Nantes"),
    "delete": lambda site: site.delete(),
    "bulk_create": lambda site: Site.objects.bulk_create([Site(name="Nantes", city="Nantes")]),
    "queryset_update": lambda site: Site.objects.filter(pk=site.pk).update(name="Renamed"),
    "queryset_delete": lambda site: Site.objects.filter(pk=site.pk).delete(),
    "raw_sql_update": _raw_update,
    "cte_update": lambda site: _execute(
        "WITH chosen AS (SELECT id FROM accounts_site) UPDATE accounts_site SET name = 'Renamed' "
        "WHERE id IN (SELECT id FROM chosen)"
    ),
}


def _execute(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_a_committed_write_to_a_table_read_is_read_again(write, cache_on, db, django_capture_on_commit_callbacks):
    site = SiteFactory(name="Lyon")
    reads = Reads()
    before = reads()
    with django_capture_on_commit_callbacks(execute=True):
        write(site)
        assert reads() == before  # not committed yet: still the kept read
    after = reads()
    assert after != before
    assert after == sorted(Site.objects.values_list("name", flat=True))
    assert reads.runs == 2


def test_each_committed_write_is_seen_not_only_the_first(cache_on, db, django_capture_on_commit_callbacks):
    site = SiteFactory(name="Lyon")
    reads = Reads()
    for name in ("One", "Two", "Three"):
        with django_capture_on_commit_callbacks(execute=True):
            site.name = name
            site.save(update_fields=["name"])
        assert reads() == [name]


def test_a_loop_of_writes_in_one_transaction_is_seen(cache_on, db, django_capture_on_commit_callbacks):
    reads = Reads()
    reads()
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            SiteFactory(name=f"Site {n}")
    assert reads() == [f"Site {n}" for n in range(5)]


def test_a_write_to_another_table_keeps_the_read(
    cache_on, db, django_capture_on_commit_callbacks, django_assert_num_queries
):
    reads = Reads()
    reads()
    with django_capture_on_commit_callbacks(execute=True):
        Group.objects.create(name="Accounting")
    with django_assert_num_queries(0):
        reads()
    assert reads.runs == 1


@pytest.mark.parametrize(
    "sql",
    [
        # A data-changing CTE on another table: it cannot be classified, so everything is read again.
        "WITH g AS (SELECT id FROM auth_group) UPDATE auth_group SET name = name WHERE id IN (SELECT id FROM g)",
        "CREATE TEMPORARY TABLE read_cache_scratch (id integer)",
        "/* a comment first */ DELETE FROM auth_group WHERE id = -1",
    ],
)
def test_a_statement_that_cannot_be_classified_ends_every_read(sql, cache_on, db, django_capture_on_commit_callbacks):
    reads = Reads()
    reads()
    with django_capture_on_commit_callbacks(execute=True):
        _execute(sql)
    reads()
    assert reads.runs == 2


@pytest.mark.parametrize(
    ("sql", "written"),
    [
        ('INSERT INTO "premises_booking" ("room_id") VALUES (%s)', {"premises_booking"}),
        ('UPDATE "leave_leaverequest" SET "status" = %s WHERE "leave_leaverequest"."id" = %s', {"leave_leaverequest"}),
        ('DELETE FROM "accounts_user_groups" WHERE "accounts_user_groups"."user_id" IN (%s)', {"accounts_user_groups"}),
        ("  insert into premises_ticket (title) values (%s)", {"premises_ticket"}),
        ('INSERT OR IGNORE INTO "leave_ledgerentry" ("person_id") VALUES (%s)', {"leave_ledgerentry"}),
        # Every table named, not only the target: over-approximating costs a hit, never a stale read.
        (
            'UPDATE "premises_ticket" SET "x" = 1 WHERE "id" IN (SELECT U0."id" FROM "premises_room" U0)',
            {"premises_ticket", "premises_room"},
        ),
        ('INSERT INTO "not_a_table_of_ours" VALUES (1)', None),
        ('SELECT "premises_booking"."id" FROM "premises_booking"', None),
        ("(SELECT 1) UNION ALL (SELECT 2)", None),
        ("WITH x AS (SELECT 1) SELECT * FROM x", None),
        ('SAVEPOINT "s1"', None),
        ('RELEASE SAVEPOINT "s1"', None),
        ('ROLLBACK TO SAVEPOINT "s1"', None),
        ("BEGIN", None),
        ("COMMIT", None),
        ("SET TIME ZONE 'UTC'", None),
        ("PRAGMA foreign_keys = ON", None),
        ("EXPLAIN SELECT 1", None),
        ("WITH x AS (UPDATE premises_room SET name = 'a' RETURNING id) SELECT * FROM x", {read_cache.EVERYTHING}),
        ("WITH x AS (SELECT 1) DELETE FROM premises_room", {read_cache.EVERYTHING}),
        ("MERGE INTO premises_room USING premises_floor ON true WHEN MATCHED THEN DELETE", {read_cache.EVERYTHING}),
        ("COPY premises_room FROM STDIN", {read_cache.EVERYTHING}),
        ('ALTER TABLE "premises_room" ADD COLUMN "x" integer', {read_cache.EVERYTHING}),
        ('TRUNCATE "premises_room"', {read_cache.EVERYTHING}),
        ('DROP TABLE "premises_room"', {read_cache.EVERYTHING}),
        ("EXPLAIN ANALYZE DELETE FROM premises_room", {read_cache.EVERYTHING}),
        ("-- why\nUPDATE premises_room SET name = 'a'", {read_cache.EVERYTHING}),
        # Left out: written on sign-ins and many requests, shown by no cached read.
        ('UPDATE "django_session" SET "session_data" = %s WHERE "django_session"."session_key" = %s', None),
        ('INSERT INTO "axes_accessattempt" ("username") VALUES (%s)', None),
        ('UPDATE "accounts_user" SET "last_login" = %s WHERE "accounts_user"."id" = %s', None),
        (
            'UPDATE "accounts_user" SET "last_login" = %s, "email" = %s WHERE "accounts_user"."id" = %s',
            {"accounts_user"},
        ),
    ],
)
def test_what_a_statement_changes(sql, written):
    assert read_cache.written_tables(sql) == (frozenset(written) if written is not None else None)


@TRANSACTIONAL
def test_a_rolled_back_transaction_keeps_the_read(cache_on, django_assert_num_queries):
    reads = Reads()
    reads()
    with pytest.raises(RuntimeError), transaction.atomic():
        SiteFactory(name="Nantes")
        raise RuntimeError
    with django_assert_num_queries(0):
        assert reads() == []
    SiteFactory(name="Nantes")  # autocommit: bumped at once
    assert reads() == ["Nantes"]


@TRANSACTIONAL
def test_a_rolled_back_savepoint_keeps_the_read(cache_on, django_assert_num_queries):
    reads = Reads()
    reads()
    with transaction.atomic():
        Group.objects.create(name="Accounting")  # committed, but another table
        with pytest.raises(RuntimeError), transaction.atomic():
            SiteFactory(name="Nantes")
            raise RuntimeError
    with django_assert_num_queries(0):
        assert reads() == []


def _in_another_thread(write):
    """``write()`` on another connection, as the Celery worker or another web worker would."""
    errors = []

    def run():
        from django.db import connection as own

        try:
            write()
        except Exception as exc:  # reported to the test's thread
            errors.append(exc)
        finally:
            own.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert not errors


@TRANSACTIONAL
@pytest.mark.parametrize("in_transaction", [False, True], ids=["autocommit", "atomic"])
def test_a_write_on_another_connection_is_seen(in_transaction, cache_on):
    reads = Reads()
    assert reads() == []

    def write():
        if in_transaction:
            with transaction.atomic():
                SiteFactory(name="Nantes")
        else:
            SiteFactory(name="Nantes")

    _in_another_thread(write)
    assert reads() == ["Nantes"]


def test_a_write_committing_while_the_read_is_computed_is_not_hidden(cache_on, db, django_capture_on_commit_callbacks):
    """The versions are read before computing: a result computed from data older than a bump made
    meanwhile is stored under the version before the bump, so is never served."""
    reads = Reads()

    def compute_then_write():
        names = reads.compute()
        with django_capture_on_commit_callbacks(execute=True):
            SiteFactory(name="Nantes")  # commits after the read above, before the store
        return names

    assert read_cache.cached(("sites",), compute_then_write) == []
    assert reads() == ["Nantes"]


def test_a_nested_hit_passes_its_tables_to_the_outer_read(cache_on, db, django_capture_on_commit_callbacks):
    inner = Reads()
    inner()  # kept: the outer read below is a hit on it, running no query itself
    outer = Reads(key=("outer",))
    outer.compute = lambda: ("outer", inner())
    assert read_cache.cached(outer.key, outer.compute) == ("outer", [])
    with django_capture_on_commit_callbacks(execute=True):
        SiteFactory(name="Nantes")
    assert read_cache.cached(outer.key, outer.compute) == ("outer", ["Nantes"])


def test_a_read_of_a_table_writes_do_not_bump_is_not_kept(cache_on, db):
    runs = []

    def sessions():
        runs.append(1)
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM django_session")
            return cursor.fetchone()[0]

    read_cache.cached(("sessions",), sessions)
    read_cache.cached(("sessions",), sessions)
    assert len(runs) == 2


def test_keys_differ_per_viewer_language_and_time_zone(cache_on, org):
    staff, colleague, manager = org.staff, org.colleague, org.manager
    assert read_cache.viewer_key(staff) != read_cache.viewer_key(colleague)
    # Same roles, team and site: the same class of viewer; a manager is another.
    assert read_cache.viewer_class_key(staff) == read_cache.viewer_class_key(colleague)
    assert read_cache.viewer_class_key(staff) != read_cache.viewer_class_key(manager)

    key = ("page", read_cache.viewer_key(staff))
    with translation.override("en"):
        english = read_cache.entry_key(key)
        assert read_cache.entry_key(("page", read_cache.viewer_key(colleague))) != english
        with timezone.override("America/Montreal"):
            assert read_cache.entry_key(key) != english
    with translation.override("fr"):
        assert read_cache.entry_key(key) != english

    seen = []
    for language in ("en", "fr", "en"):
        with translation.override(language):
            read_cache.cached(key, lambda: seen.append(translation.get_language()))
    assert seen == ["en", "fr"]


def test_a_model_instance_is_refused_as_a_key_part(cache_on, org):
    with pytest.raises(TypeError, match="plain values"):
        read_cache.cached(("page", org.staff), list)


def test_rendered_markup_is_refused(cache_on, db):
    with pytest.raises(TypeError, match="never rendered markup"):
        read_cache.cached(("markup",), lambda: SafeString("<b>x</b>"))


def test_the_decorator_keys_by_arguments(cache_on, db, django_capture_on_commit_callbacks):
    runs = []

    @read_cache.cached_function()
    def sites_in(city: str) -> list[str]:
        runs.append(city)
        return sorted(Site.objects.filter(city=city).values_list("name", flat=True))

    SiteFactory(name="Lyon", city="Lyon")
    assert sites_in("Lyon") == ["Lyon"]
    assert sites_in("Lyon") == ["Lyon"]
    assert sites_in("Paris") == []
    assert runs == ["Lyon", "Paris"]
    with django_capture_on_commit_callbacks(execute=True):
        SiteFactory(name="Villeurbanne", city="Lyon")
    assert sites_in("Lyon") == ["Lyon", "Villeurbanne"]
    assert sites_in.uncached("Paris") == []


def test_the_decorator_takes_a_key_function_for_a_user(cache_on, org):
    @read_cache.cached_function(key=lambda user: (read_cache.viewer_key(user),))
    def team_name(user) -> str:
        return user.team.name

    assert team_name(org.staff) == "Sales"
    assert team_name(org.outsider) == "Finance"


# --- When the cache fails ---------------------------------------------------------------------------

CLOSED_PORT = {
    "default": {
        "BACKEND": "apps.core.redis_cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_timeout": 0.2, "socket_connect_timeout": 0.2},
    }
}


def test_with_redis_down_reads_run_uncached_and_fast(cache_on, db, settings):
    SiteFactory(name="Lyon")
    settings.CACHES = CLOSED_PORT
    reads = Reads()
    started = time.monotonic()
    for _ in range(20):
        assert reads() == ["Lyon"]
    assert reads.runs == 20
    assert time.monotonic() - started < 1.0  # one failed attempt, then the pause


def test_a_bump_missed_while_redis_is_down_is_made_when_it_answers(
    cache_on, db, settings, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(read_cache, "PAUSE_SECONDS", 0.0)
    reads = Reads()
    assert reads() == []
    settings.CACHES = CLOSED_PORT
    with django_capture_on_commit_callbacks(execute=True):
        SiteFactory(name="Nantes")
    settings.CACHES = LOCMEM  # back, with the entry kept under the version before the write
    assert reads() == ["Nantes"]


def _redis_url() -> str | None:
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=0.2).ping()
    except Exception:
        return None
    return url


@pytest.mark.skipif(_redis_url() is None, reason="no Redis at REDIS_URL or 127.0.0.1:6379")
def test_with_redis_a_read_is_kept_until_a_committed_write(
    cache_on, db, settings, django_capture_on_commit_callbacks, django_assert_num_queries
):
    settings.CACHES = {
        "default": {
            "BACKEND": "apps.core.redis_cache.RedisCache",
            "LOCATION": _redis_url(),
            "KEY_PREFIX": f"read-cache-test-{uuid.uuid4().hex}",
            "OPTIONS": {"socket_timeout": 0.2, "socket_connect_timeout": 0.2},
        }
    }
    reads = Reads()
    assert reads() == []
    with django_assert_num_queries(0):
        assert reads() == []
    with django_capture_on_commit_callbacks(execute=True):
        SiteFactory(name="Nantes")
    assert reads() == ["Nantes"]
    assert reads.runs == 2


def test_the_check_warns_without_a_shared_cache(settings):
    settings.DEBUG = False
    settings.CACHES = LOCMEM
    settings.READ_CACHE = True
    assert [warning.id for warning in read_cache.check_shared_cache()] == ["officemgr.W001"]
    settings.READ_CACHE = False
    assert read_cache.check_shared_cache() == []


def test_the_connection_to_no_database_is_not_watched():
    """Creating the test database on PostgreSQL goes through it: ``on_commit`` cannot find its alias."""
    nodb = SimpleNamespace(alias=NO_DB_ALIAS, execute_wrappers=[])
    read_cache.watch(nodb)
    assert read_cache._wrapper not in nodb.execute_wrappers


def test_a_sign_in_keeps_the_reads_of_the_users_table(cache_on, db, client, django_capture_on_commit_callbacks):
    """Signing in writes last_login, the session and django-axes' rows: no kept read shows them."""
    with django_capture_on_commit_callbacks(execute=True):
        User.objects.create_user(email="a@test.fr", password="pw-Secret-42")
    runs = []

    def emails():
        runs.append(1)
        return sorted(User.objects.values_list("email", flat=True))

    read_cache.cached(("emails",), emails)
    with django_capture_on_commit_callbacks(execute=True):
        # django-axes, first of the authentication backends, needs a request.
        assert client.login(request=HttpRequest(), email="a@test.fr", password="pw-Secret-42")
    assert User.objects.get(email="a@test.fr").last_login is not None
    assert read_cache.cached(("emails",), emails) == ["a@test.fr"]
    assert len(runs) == 1


def test_a_kept_read_expires_after_read_cache_seconds(cache_on, db, settings, monkeypatch):
    settings.READ_CACHE_SECONDS = 60
    reads = Reads()
    reads()
    reads()
    assert reads.runs == 1
    later = time.time() + 61
    monkeypatch.setattr(locmem.time, "time", lambda: later)  # the local-memory cache's clock
    reads()
    assert reads.runs == 2


# --- Within one request: the versions are read once ---------------------------------------------------


def _in_a_request(func, user=None):
    request = HttpRequest()
    if user is not None:
        request.user = user
    return read_cache.RequestScopeMiddleware(lambda request: func())(request)


class CountedKeys:
    """Records how many keys each cache lookup asks for."""

    def __init__(self, monkeypatch):
        self.asked: list[int] = []
        self.inside_get_many = False
        cache = caches["default"]
        get, get_many = cache.get, cache.get_many

        def counted_get(key, *args, **kwargs):
            if not self.inside_get_many:  # the local-memory cache's get_many calls get for each key
                self.asked.append(1)
            return get(key, *args, **kwargs)

        def counted_get_many(keys, *args, **kwargs):
            self.asked.append(len(keys))
            self.inside_get_many = True
            try:
                return get_many(keys, *args, **kwargs)
            finally:
                self.inside_get_many = False

        monkeypatch.setattr(cache, "get", counted_get)
        monkeypatch.setattr(cache, "get_many", counted_get_many)


def test_in_a_request_only_the_first_read_fetches_the_versions(cache_on, db, monkeypatch):
    SiteFactory(name="Lyon")
    sites, groups = Reads(), Reads(("groups",))
    sites(), groups()
    counted = CountedKeys(monkeypatch)
    assert _in_a_request(lambda: (sites(), groups(), sites())) == (["Lyon"], ["Lyon"], ["Lyon"])
    assert counted.asked == [1 + len(read_cache._all_version_keys()), 1, 1]
    assert sites.runs == groups.runs == 1
    counted.asked.clear()
    sites()  # outside a request: the versions with the entry, as before
    assert counted.asked == [1 + len(read_cache._all_version_keys())]


def test_a_request_sees_its_own_writes(cache_on, db, django_capture_on_commit_callbacks):
    reads = Reads()
    reads()

    def page():
        before = reads()
        with django_capture_on_commit_callbacks(execute=True):
            SiteFactory(name="Nantes")
        return before, reads()

    assert _in_a_request(page) == ([], ["Nantes"])
    assert reads.runs == 2


def test_a_bump_by_another_process_during_a_request_shows_from_the_next_request(cache_on, db):
    """Another process's bump is a new version in the shared cache, which this request read before:
    the request goes on with the versions it read (as a reader at the start of a transaction), and
    the next request reads again."""
    reads = Reads()
    reads()

    def page():
        first = reads()
        caches["default"].set(read_cache._version_key("accounts_site"), "changed elsewhere", timeout=None)
        return first, reads()

    assert _in_a_request(page) == ([], [])
    assert reads.runs == 1
    assert _in_a_request(reads) == []
    assert reads.runs == 2


def test_the_redis_backend_keeps_one_client_per_pool():
    from apps.core.redis_cache import RedisCache

    cache = RedisCache("redis://127.0.0.1:1/0", {})
    assert cache._cache.get_client() is cache._cache.get_client(write=True)


# --- Rendered fragments: {% cache %} ------------------------------------------------------------------


class Fragment:
    """A template whose ``{% cache %}`` body shows the sites' names (read before it, as a view would)
    and counts how often it is rendered."""

    SOURCE = (
        '{% cache "sites", day %}<ul>{% for name in names %}<li>{{ name }}</li>{% endfor %}'
        "{{ rendered() }}</ul>{% endcache %}"
    )

    def __init__(self, source=SOURCE):
        from django.template import engines

        self.template = engines["jinja2"].from_string(source)
        self.renders = 0

    def rendered(self) -> str:
        self.renders += 1
        return ""

    def page(self, user, *, day="2026-03-02", also_read=None):
        """What a view does: read the names (a cached read), then render, in a request."""

        def view():
            request = HttpRequest()
            request.user = user
            names = Reads()()
            if also_read is not None:
                also_read()
            context = {"names": names, "day": day, "rendered": self.rendered}
            return self.template.render(context, request)

        return _in_a_request(view, user)


def test_a_fragment_is_rendered_once_per_viewer(cache_on, org):
    fragment = Fragment()
    assert fragment.page(org.staff) == fragment.page(org.staff) == "<ul><li>Lyon</li></ul>"
    assert fragment.renders == 1
    fragment.page(org.colleague)
    assert fragment.renders == 2  # nothing rendered for one person is served to another
    fragment.page(org.staff, day="2026-03-03")
    assert fragment.renders == 3  # another key


def test_a_fragment_depends_on_what_the_view_read_before_it(cache_on, org, django_capture_on_commit_callbacks):
    fragment = Fragment()
    fragment.page(org.staff)
    with django_capture_on_commit_callbacks(execute=True):
        SiteFactory(name="Nantes")  # read by the view, not inside the fragment
    assert fragment.page(org.staff) == "<ul><li>Lyon</li><li>Nantes</li></ul>"
    assert fragment.renders == 2


def test_a_fragment_escapes_and_stays_markup_when_kept(cache_on, org):
    SiteFactory(name="<script>alert(1)</script>")
    fragment = Fragment()
    first, kept = fragment.page(org.staff), fragment.page(org.staff)
    assert first == kept and "&lt;script&gt;" in kept and "<script>" not in kept
    assert fragment.renders == 1


def test_a_fragment_with_a_csrf_token_is_refused(cache_on, org):
    fragment = Fragment('{% cache "form" %}<form method="post">{{ csrf_input }}</form>{% endcache %}')
    with pytest.raises(TypeError, match="CSRF"):
        fragment.page(org.staff)


def test_outside_a_request_a_fragment_is_simply_rendered(cache_on, org):
    from django.template import engines

    template = engines["jinja2"].from_string('{% cache "x" %}{{ rendered() }}{% endcache %}')
    renders = []
    request = HttpRequest()
    request.user = org.staff
    for _ in range(2):
        template.render({"rendered": lambda: renders.append(1) or ""}, request)
    assert len(renders) == 2


def test_a_fragment_over_a_table_read_before_the_versions_is_not_kept(cache_on, org):
    fragment = Fragment()

    def view():
        request = HttpRequest()
        request.user = org.staff
        names = list(Site.objects.values_list("name", flat=True))  # a plain read before any cached one
        return fragment.template.render({"names": names, "day": "d", "rendered": fragment.rendered}, request)

    _in_a_request(view, org.staff)
    _in_a_request(view, org.staff)
    assert fragment.renders == 2  # a write between that read and the versions could not be told apart


def test_a_request_reading_more_than_the_kept_fragment_renders_it_again(cache_on, org):
    fragment = Fragment()
    fragment.page(org.staff)
    also_read = lambda: read_cache.cached(("types",), lambda: list(ContentType.objects.values_list("pk")))  # noqa: E731
    fragment.page(org.staff, also_read=also_read)  # the same key, and another table read
    assert fragment.renders == 2


def test_a_fragment_over_data_read_before_the_requests_own_write_is_not_kept(
    cache_on, org, django_capture_on_commit_callbacks
):
    """A request reads the names, writes (committed: its versions now hold the new token), then
    renders the fragment from what it read before the write. The fragment is stored under the new
    version, so the next request, whose view reads the new names, is served the old rows."""
    fragment = Fragment()

    def view_that_writes():
        request = HttpRequest()
        request.user = org.staff
        names = Reads()()  # first cached read: the versions
        with django_capture_on_commit_callbacks(execute=True):
            SiteFactory(name="Nantes")  # this request's own committed write
        return fragment.template.render({"names": names, "day": "d", "rendered": fragment.rendered}, request)

    assert "Nantes" not in _in_a_request(view_that_writes, org.staff)
    # The next request: nothing written; the view reads the names again (Nantes included).
    assert Reads()() == ["Lyon", "Nantes"]
    assert "Nantes" in fragment.page(org.staff, day="d")


class _Rollback(Exception):
    pass


def test_a_fragment_rendered_inside_a_rolled_back_transaction_is_not_kept(cache_on, org):
    """Rendered inside atomic() after a write that is then rolled back: no bump ever comes, the
    fragment holding the rolled-back row is kept under the current versions."""
    fragment = Fragment()

    def view():
        request = HttpRequest()
        request.user = org.staff
        Reads()()  # the versions
        try:
            with transaction.atomic():
                SiteFactory(name="Ghost")
                names = sorted(Site.objects.values_list("name", flat=True))
                html = fragment.template.render({"names": names, "day": "d", "rendered": fragment.rendered}, request)
                raise _Rollback
        except _Rollback:
            pass
        return html

    assert "Ghost" in _in_a_request(view, org.staff)
    assert not Site.objects.filter(name="Ghost").exists()
    assert "Ghost" not in fragment.page(org.staff, day="d")


def test_fragment_showing_an_ignored_table_read_before_it_is_not_kept(
    cache_on, org, django_capture_on_commit_callbacks
):
    """cached() refuses to keep a read of a table writes never bump (axes, sessions); a fragment
    showing such a read made by the view before it is kept, and stays after that table changes."""
    from axes.models import AccessAttempt
    from django.template import engines

    template = engines["jinja2"].from_string('{% cache "attempts" %}{{ attempts }} attempts{% endcache %}')

    def view():
        request = HttpRequest()
        request.user = org.staff
        Reads()()  # the versions
        attempts = AccessAttempt.objects.count()
        return template.render({"attempts": attempts}, request)

    assert _in_a_request(view, org.staff) == "0 attempts"
    with django_capture_on_commit_callbacks(execute=True):
        AccessAttempt.objects.create(username="x", ip_address="1.2.3.4", user_agent="", failures_since_start=1)
    assert _in_a_request(view, org.staff) == "1 attempts"


def test_a_read_inside_a_transaction_is_not_kept(cache_on, db):
    """What is read inside atomic() may show rows a rollback removes, and a rollback bumps nothing."""
    reads = Reads()
    try:
        with transaction.atomic():
            SiteFactory(name="Ghost")
            assert reads() == ["Ghost"]
            raise _Rollback
    except _Rollback:
        pass
    assert reads() == []
    assert reads.runs == 2
