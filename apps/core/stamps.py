"""Data stamps, and reads cached until the data they come from changes.

A page people open all day (the director's agenda, the rooms' day grid) mostly shows data that has
not changed since the last time it was read. ``cached_read`` keeps such a read's result in the
process, keyed by the *stamps* of the apps its data comes from, and runs it again as soon as one of
them changes.

- **A stamp per app.** Every INSERT, UPDATE or DELETE the project runs through Django's connection
  (the ORM, ``bulk_create``, ``QuerySet.update``, raw SQL through ``connection.cursor()``) is seen by
  an execute wrapper that notes the app owning the table (``premises_booking`` → ``premises``). Once
  the transaction commits (``transaction.on_commit``; at once in autocommit), the app's stamp in the
  shared cache gets a new random token. A rolled-back write changes nothing, so bumps nothing. A
  statement that changes the schema (CREATE, ALTER, DROP, TRUNCATE) bumps every stamp. The writes
  left out are Django's ``last_login`` update on sign-in and session saves, which no cached read shows.
- **Read before computing.** A page reads every stamp in one round trip to the cache, once per
  request, *before* running the reads: a write that commits meanwhile has its new token stored after
  the result was computed, so the result is never served under the token of data newer than itself.
- **Bounded.** Each process keeps at most ``READ_CACHE_ENTRIES`` results (least recently used out)
  for at most ``READ_CACHE_SECONDS`` (5 minutes by default): a write that bypasses Django (psql by
  hand) shows within that time.
- **Only with a shared cache.** Stamps must be seen by every process (gunicorn workers, the Celery
  worker), so ``READ_CACHE`` is on by default only when the cache is Redis (``REDIS_URL``; a system
  check warns otherwise). Without it every read simply runs. When Redis fails, the process runs
  every read for ``PAUSE_SECONDS`` and changes the stamps it could not change as soon as Redis
  answers; until then other processes may serve what they kept, for at most ``READ_CACHE_SECONDS``.

A cached result is shared by every request that asks for the same key: callers must not change it.
"""

from __future__ import annotations

import logging
import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from apps.core.memo import request_memo

logger = logging.getLogger(__name__)

T = TypeVar("T")

KEY_PREFIX = "officemgr:stamp:"
EVERYTHING = "*"  # the stamp every cached read also depends on: bumped by schema changes

_WRITE = re.compile(r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+[`"\[]?(\w+)', re.IGNORECASE)
_SCHEMA = re.compile(r"\s*(?:CREATE|ALTER|DROP|TRUNCATE)\b", re.IGNORECASE)
# Django's sign-in stamp (update_last_login): a write no cached read shows, made at every sign-in.
_LAST_LOGIN = re.compile(r'\s*UPDATE\s+"?\w+"?\s+SET\s+"?last_login"?\s*=\s*%s\s+WHERE\b', re.IGNORECASE)


def enabled() -> bool:
    return bool(getattr(settings, "READ_CACHE", False))


def check_shared_cache(app_configs=None, **kwargs) -> list:
    """System check: the stamps must be seen by every process, so the read cache needs Redis."""
    from django.core.checks import Warning

    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if enabled() and not backend.endswith("RedisCache") and not settings.DEBUG:
        return [
            Warning(
                "READ_CACHE is on without the Redis cache: each process would keep its own data stamps and "
                "never see the other processes' writes (the Celery worker's, the other web workers').",
                hint="Set REDIS_URL, or READ_CACHE=False.",
                id="officemgr.W001",
            )
        ]
    return []


# --- Noticing writes --------------------------------------------------------------------------------


_tables: dict[str, str] | None = None


def _app_of(table: str) -> str | None:
    global _tables
    if _tables is None:
        _tables = {
            model._meta.db_table.lower(): model._meta.app_label for model in apps.get_models(include_auto_created=True)
        }
    return _tables.get(table.lower())


# Apps whose writes no cached read can show: a signed-in session is saved on many requests.
UNWATCHED = frozenset({"sessions"})


def written_app(sql: str) -> str | None:
    """The app whose table ``sql`` writes to; ``EVERYTHING`` for a schema change; None for a read
    (or a write no cached read can depend on)."""
    head = sql.lstrip()[:1].upper()
    if head not in ("I", "U", "D", "C", "A", "T"):
        return None  # SELECT, WITH, (SELECT …), SAVEPOINT, RELEASE, SET…
    match = _WRITE.match(sql)
    if match is not None:
        if head == "U" and _LAST_LOGIN.match(sql):
            return None
        label = _app_of(match.group(1))
        return None if label in UNWATCHED else label
    if _SCHEMA.match(sql):
        return EVERYTHING
    return None


def _note_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if not enabled():
        return result
    label = written_app(str(sql)) if sql else None
    if label is not None:
        _changed(context["connection"], label)
    return result


class _Bump:
    """The on_commit callback bumping one app's stamp (recognisable among the pending callbacks)."""

    __slots__ = ("label",)

    def __init__(self, label: str) -> None:
        self.label = label

    def __call__(self) -> None:
        bump(self.label)


def _changed(connection, label: str) -> None:
    if not connection.in_atomic_block:
        bump(label)
        return
    # One callback per app and transaction. A savepoint rolled back drops the callbacks registered
    # in it, so a later write registers again; a transaction rolled back drops them all.
    for entry in connection.run_on_commit:
        if isinstance(entry[1], _Bump) and entry[1].label == label:
            return
    # What transaction.on_commit(robust=True) appends, put first: a callback registered earlier
    # that raises stops the ones after it, and the data would have changed without its stamp.
    connection.run_on_commit.insert(0, (set(connection.savepoint_ids), _Bump(label), True))


def watch(connection, **kwargs) -> None:
    """``connection_created`` receiver: note the writes of every connection (once per wrapper)."""
    if _note_writes not in connection.execute_wrappers:
        # First: connection.execute_wrapper() pops the last wrapper when its block ends, and the
        # first query of a thread (which connects) may run inside one.
        connection.execute_wrappers.insert(0, _note_writes)


# When Redis fails, the process stops using what it kept for a while (every read runs meanwhile)
# rather than wait for Redis on every request. Changes of stamps are always tried (writes are rare
# next to reads); those that failed are tried again with the next change or the next read after the
# pause, and until then this process keeps nothing. Other processes may serve what they kept under
# the old stamp until then, at most READ_CACHE_SECONDS.
PAUSE_SECONDS = 30.0
_paused_until = 0.0
_unbumped: set[str] = set()
_bumping = threading.Lock()


def _available() -> bool:
    return time.monotonic() >= _paused_until


def _failed(what: str) -> None:
    global _paused_until
    _paused_until = time.monotonic() + PAUSE_SECONDS
    logger.warning("data stamps: could not %s; reads are not kept for %d s", what, PAUSE_SECONDS, exc_info=True)


def bump(*labels: str) -> None:
    """Give the apps' stamps new tokens: every result cached under the old ones is read again."""
    if not enabled():
        return
    with _bumping:
        _unbumped.update(labels)
        _bump_unbumped()


def _bump_unbumped() -> bool:
    """Change the stamps not changed yet (the caller holds ``_bumping``); False when Redis failed."""
    labels = tuple(_unbumped)
    if not labels:
        return True
    token = secrets.token_hex(8)
    values = {KEY_PREFIX + label: token for label in labels}
    try:
        client = _redis()
        if client is not None:
            client.mset(values)
        else:
            cache.set_many(values, timeout=None)
    except Exception:
        _failed(f"change the stamps of {', '.join(sorted(labels))}")
        return False
    _unbumped.difference_update(labels)
    return True


def _redis():
    """With the Redis cache, a client of that Redis kept by the process: the stamps are read on every
    page that caches a read, and one MGET through it costs a third of ``cache.get_many`` (which
    builds a client per call). The stamps are plain strings under their own keys. None otherwise:
    the stamps go through Django's cache (the local-memory cache of tests and laptops)."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if not backend.endswith("RedisCache"):
        return None
    return _redis_client(settings.CACHES["default"]["LOCATION"])


@lru_cache(maxsize=4)
def _redis_client(url: str):
    import redis

    # Redis answers in well under a millisecond; one that does not is treated as down (_failed).
    return redis.Redis.from_url(url, socket_timeout=0.2, socket_connect_timeout=0.2, decode_responses=True)


# --- Reading through the stamps -----------------------------------------------------------------


@lru_cache(maxsize=1)
def _all_labels() -> tuple[str, ...]:
    """The apps with tables (only their data changes), and ``EVERYTHING``."""
    return (EVERYTHING, *sorted(config.label for config in apps.get_app_configs() if next(config.get_models(), None)))


def snapshot(holder: Any) -> dict[str, str] | None:
    """Every app's stamp, read once per request (``holder``: the request's user); None when the cache
    cannot be read."""
    if not enabled():
        return None
    return request_memo(holder, "data_stamps", _read_stamps)


def _read_stamps() -> dict[str, str] | None:
    if not _available():
        return None
    if _unbumped:
        with _bumping:
            if not _bump_unbumped():
                return None  # a stamp this process could not change: nothing it kept may be used
    labels = _all_labels()
    keys = [KEY_PREFIX + label for label in labels]
    try:
        client = _redis()
        if client is not None:
            values = client.mget(keys)
            if None in values:
                # A stamp never bumped (or evicted) gets a token now: a stamp is never "none" twice.
                for key, value in zip(keys, values, strict=True):
                    if value is None:
                        client.set(key, secrets.token_hex(8), nx=True)
                values = client.mget(keys)
            found = {key: value for key, value in zip(keys, values, strict=True) if value is not None}
        else:
            found = cache.get_many(keys)
            for key in keys:
                if key not in found:
                    cache.add(key, secrets.token_hex(8), timeout=None)
            if len(found) != len(keys):
                found = cache.get_many(keys)
    except Exception:
        _failed("read the stamps")
        return None
    if len(found) != len(keys):
        return None
    return {label: found[KEY_PREFIX + label] for label in labels}


class _Store:
    """The process's cached results: least recently used out, each for at most ``seconds``."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple, tuple[float, Any]] = OrderedDict()

    def get(self, key: tuple) -> tuple[bool, Any]:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return False, None
            if entry[0] < time.monotonic():
                del self._entries[key]
                return False, None
            self._entries.move_to_end(key)
            return True, entry[1]

    def put(self, key: tuple, value: Any) -> None:
        limit = int(getattr(settings, "READ_CACHE_ENTRIES", 256))
        seconds = float(getattr(settings, "READ_CACHE_SECONDS", 300))
        with self._lock:
            self._entries[key] = (time.monotonic() + seconds, value)
            self._entries.move_to_end(key)
            while len(self._entries) > limit:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


_store = _Store()


def user_key(user) -> tuple:
    """What a cached read may depend on of the user it is for, to put in its key.

    ``request.user`` is loaded before a page reads the stamps: a change to the person (roles, team,
    teams managed, site, name) committed in between would otherwise have the result computed for
    the person as they were kept under the stamps of the person as they are.
    """
    return (
        user.pk,
        user.is_active,
        user.is_superuser,
        getattr(user, "team_id", None),
        getattr(user, "site_id", None),
        tuple(sorted(getattr(user, "group_names", ()))),
        tuple(getattr(user, "managed_team_ids", ())),
        user.get_full_name(),
        getattr(user, "language", ""),
    )


def cached_read(holder: Any, depends_on: Iterable[str], key: tuple, compute: Callable[[], T]) -> T:
    """``compute()``, or its result from an earlier request with the same ``key`` while none of the
    apps ``depends_on`` (their labels) has changed since. ``key`` must hold everything else the result
    depends on (``user_key(user)``, the day, the site…) that was read before the stamps were (the
    stamps are read once per request, by the first ``cached_read`` or ``snapshot``); the language and
    the time zone are added here."""
    if not enabled():
        return compute()
    stamps = snapshot(holder)
    if stamps is None:
        return compute()
    try:
        versions = tuple(stamps[label] for label in (EVERYTHING, *depends_on))
    except KeyError as exc:
        raise ValueError(f"no installed app is labelled {exc.args[0]!r}") from None
    full_key = (key, translation.get_language(), timezone.get_current_timezone_name(), versions)
    hit, value = _store.get(full_key)
    if hit:
        return value
    value = compute()
    _store.put(full_key, value)
    return value


def clear() -> None:
    """Forget this process's cached results and failures (tests)."""
    global _paused_until
    _store.clear()
    _unbumped.clear()
    _paused_until = 0.0
