"""Reads cached until their data changes (apps/core/stamps.py): what counts as a change, and that a
cached read is read again after every committed write to the apps it depends on, and only then."""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.http import HttpRequest

from apps.accounts.models import Site, User
from apps.core import stamps
from apps.core.memo import _ATTR


@pytest.mark.parametrize(
    ("sql", "label"),
    [
        ('INSERT INTO "premises_booking" ("room_id") VALUES (%s)', "premises"),
        ('UPDATE "leave_leaverequest" SET "status" = %s WHERE "leave_leaverequest"."id" = %s', "leave"),
        ('DELETE FROM "accounts_user_groups" WHERE "accounts_user_groups"."user_id" IN (%s)', "accounts"),
        ("  insert into premises_ticket (title) values (%s)", "premises"),
        ('UPDATE "auth_group" SET "name" = %s', "auth"),
        ('ALTER TABLE "premises_room" ADD COLUMN "x" integer', stamps.EVERYTHING),
        ('TRUNCATE "premises_room"', stamps.EVERYTHING),
        ('SELECT "premises_booking"."id" FROM "premises_booking"', None),
        ("(SELECT 1) UNION ALL (SELECT 2)", None),
        ('SAVEPOINT "s1"', None),
        ('INSERT INTO "not_a_table_of_ours" VALUES (1)', None),
        # SQLite's bulk_create(ignore_conflicts=True)
        ('INSERT OR IGNORE INTO "leave_ledgerentry" ("person_id") VALUES (%s)', "leave"),
        # A signed-in session is saved on many requests; no kept read shows one.
        ('UPDATE "django_session" SET "session_data" = %s WHERE "django_session"."session_key" = %s', None),
        # Django's sign-in stamp: no cached read shows it, and it happens at every sign-in.
        ('UPDATE "accounts_user" SET "last_login" = %s WHERE "accounts_user"."id" = %s', None),
        ('UPDATE "accounts_user" SET "last_login" = %s, "email" = %s WHERE "accounts_user"."id" = %s', "accounts"),
    ],
)
def test_the_app_a_statement_writes_to(sql, label):
    assert stamps.written_app(sql) == label


def _request():
    """What a request's user is to the memo: a fresh holder whose stamps are read once."""
    holder = SimpleNamespace()
    setattr(holder, _ATTR, {})
    return holder


class Reads:
    def __init__(self):
        self.runs = 0

    def __call__(self):
        self.runs += 1
        return ("result", self.runs)

    def read(self, depends_on=("accounts",), key=("k",)):
        return stamps.cached_read(_request(), depends_on, key, self)


def test_without_the_setting_every_read_runs(db, settings):
    settings.READ_CACHE = False
    reads = Reads()
    assert reads.read() == ("result", 1)
    assert reads.read() == ("result", 2)


def test_a_read_is_kept_until_a_committed_write_to_its_app(commit, db):
    reads = Reads()
    assert reads.read() == ("result", 1)
    assert reads.read() == ("result", 1)
    with commit():
        Site.objects.create(name="Nantes")
    assert reads.read() == ("result", 2)
    assert reads.read() == ("result", 2)


def test_a_write_to_another_app_keeps_the_read(commit, db):
    reads = Reads()
    reads.read(depends_on=("premises",))
    with commit():
        Site.objects.create(name="Nantes")
    assert reads.read(depends_on=("premises",)) == ("result", 1)


def test_bulk_writes_and_raw_sql_count_as_changes(commit, db):
    reads = Reads()
    reads.read()
    with commit():
        Site.objects.bulk_create([Site(name="Brest"), Site(name="Caen")])
    assert reads.read() == ("result", 2)
    with commit():
        Site.objects.filter(name="Brest").update(city="Brest")
    assert reads.read() == ("result", 3)
    with commit(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM accounts_site WHERE name = %s", ["Caen"])
    assert reads.read() == ("result", 4)


def test_a_write_changes_the_stamp_only_once_committed(read_cache, db, django_capture_on_commit_callbacks):
    reads = Reads()
    reads.read()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Site.objects.create(name="Nantes")
        Site.objects.create(name="Rennes")  # one callback per app and transaction
        # Before the commit, another request still gets the result of the data it can see.
        assert reads.read() == ("result", 1)
    bumps = [callback for callback in callbacks if isinstance(callback, stamps._Bump)]  # not cache.py's
    assert len(bumps) == 1
    bumps[0]()
    assert reads.read() == ("result", 2)


def test_a_rolled_back_write_changes_nothing(commit, db):
    reads = Reads()
    reads.read()
    with commit() as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            Site.objects.create(name="Nantes")
            raise RuntimeError
        assert not Site.objects.filter(name="Nantes").exists()
    assert callbacks == []
    assert reads.read() == ("result", 1)
    # A write after the rolled-back one, in the same transaction, still counts.
    with commit():
        with pytest.raises(RuntimeError), transaction.atomic():
            Site.objects.create(name="Nantes")
            raise RuntimeError
        Site.objects.create(name="Rennes")
    assert reads.read() == ("result", 2)


def test_sign_ins_do_not_change_the_stamps(commit, db, client):
    with commit():
        user = User.objects.create_user(email="a@test.fr", password="pw-Secret-42")
    reads = Reads()
    reads.read()
    with commit():
        # django-axes, first of the authentication backends, needs a request.
        assert client.login(request=HttpRequest(), email="a@test.fr", password="pw-Secret-42")
    user.refresh_from_db()
    assert user.last_login is not None
    assert reads.read() == ("result", 1)


def test_the_key_the_language_and_the_apps_listed_tell_reads_apart(read_cache, db):
    from django.utils import translation

    reads = Reads()
    assert reads.read(key=("a",)) == ("result", 1)
    assert reads.read(key=("b",)) == ("result", 2)
    with translation.override("fr"):
        assert reads.read(key=("a",)) == ("result", 3)
    with pytest.raises(ValueError, match="no-such-app"):
        reads.read(depends_on=("no-such-app",))


def test_stamps_are_read_once_per_request(read_cache, db, monkeypatch):
    calls = []
    backend = caches["default"]
    get_many = backend.get_many
    monkeypatch.setattr(backend, "get_many", lambda keys: calls.append(keys) or get_many(keys))
    holder = _request()
    for key in ("a", "b", "c"):
        stamps.cached_read(holder, ("accounts",), (key,), lambda: 1)
    assert len(calls) <= 2  # once, and once more only the very first time (the stamps created)
    stamps.cached_read(holder, ("leave",), ("d",), lambda: 1)
    assert len(calls) <= 2


def test_when_the_cache_cannot_be_read_every_read_runs(read_cache, db, monkeypatch):
    def down(keys):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(caches["default"], "get_many", down)
    reads = Reads()
    assert reads.read() == ("result", 1)
    assert reads.read() == ("result", 2)


def test_results_expire(read_cache, db, settings, monkeypatch):
    settings.READ_CACHE_SECONDS = 60
    reads = Reads()
    reads.read()
    assert reads.read() == ("result", 1)
    later = time.monotonic() + 61  # the store's clock
    monkeypatch.setattr(stamps.time, "monotonic", lambda: later)
    assert reads.read() == ("result", 2)


def test_the_store_keeps_the_most_recently_used(read_cache, db, settings):
    settings.READ_CACHE_ENTRIES = 2
    reads = Reads()
    reads.read(key=("a",))
    reads.read(key=("b",))
    reads.read(key=("a",))  # a is now the most recent
    reads.read(key=("c",))  # b goes out
    assert reads.read(key=("a",)) == ("result", 1)
    assert reads.read(key=("b",)) == ("result", 4)


def test_the_stamp_changes_come_first_among_the_commit_callbacks(commit, db):
    """A callback registered before the write that fails must not leave the data changed without
    its stamp: Django stops at the first callback that raises."""
    with commit():
        transaction.on_commit(lambda: None)
        Site.objects.create(name="Nantes")
        assert isinstance(connection.run_on_commit[0][1], stamps._Bump)


def test_the_write_watcher_is_the_outermost_wrapper():
    class Connection:
        execute_wrappers = [object()]

    conn = Connection()
    stamps.watch(conn)
    stamps.watch(conn)
    # connection.execute_wrapper() pops the last wrapper when its block ends.
    assert conn.execute_wrappers[0] is stamps._note_writes
    assert conn.execute_wrappers.count(stamps._note_writes) == 1


class _HungRedis:
    def __init__(self):
        self.calls = 0
        self.up = False
        self.values = {}

    def _call(self):
        self.calls += 1
        if not self.up:
            raise TimeoutError("redis does not answer")

    def mget(self, keys):
        self._call()
        return [self.values.get(key) for key in keys]

    def mset(self, values):
        self._call()
        self.values.update(values)

    def set(self, key, value, nx=False):
        self._call()
        if not (nx and key in self.values):
            self.values[key] = value


def test_a_failing_redis_is_left_alone_for_a_while_and_missed_changes_are_made_after(read_cache, db, monkeypatch):
    redis = _HungRedis()
    monkeypatch.setattr(stamps, "_redis", lambda: redis)
    reads = Reads()
    assert reads.read() == ("result", 1)
    assert redis.calls == 1
    # Paused: every read runs, without waiting for Redis on each request.
    assert reads.read() == ("result", 2)
    assert redis.calls == 1
    # A change of stamp is tried all the same (another process may be using the old one), and
    # remembered when it fails.
    stamps.bump("accounts")
    assert redis.calls == 2
    redis.up = True
    later = time.monotonic() + stamps.PAUSE_SECONDS + 1
    monkeypatch.setattr(stamps.time, "monotonic", lambda: later)
    assert reads.read() == ("result", 3)
    assert stamps.KEY_PREFIX + "accounts" in redis.values  # the missed change made first
    assert reads.read() == ("result", 3)


def test_a_change_of_stamp_is_made_at_once_even_after_a_failure(read_cache, db, monkeypatch):
    redis = _HungRedis()
    monkeypatch.setattr(stamps, "_redis", lambda: redis)
    stamps.bump("leave")  # fails: the process pauses its reads
    redis.up = True
    stamps.bump("premises")  # answered: both changes made, the missed one too
    assert {stamps.KEY_PREFIX + "leave", stamps.KEY_PREFIX + "premises"} <= set(redis.values)


def test_the_read_cache_without_redis_is_warned_about(settings):
    settings.DEBUG = False
    settings.READ_CACHE = True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [w.id for w in stamps.check_shared_cache()] == ["officemgr.W001"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://x"}}
    assert stamps.check_shared_cache() == []
    settings.READ_CACHE = False
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert stamps.check_shared_cache() == []
