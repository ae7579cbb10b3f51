"""The read cache: what a page reads, kept in Django's cache until a table it read is written to.

What
    ``cached(key_parts, compute)`` returns ``compute()``, or the result of an earlier call with the
    same key while none of the tables that call read has been written to since. Results live in
    Django's cache framework (``caches["default"]``: Redis in production through ``REDIS_URL``, the
    local-memory cache on a laptop), so every web worker and the Celery worker share them. What
    ``cached`` keeps is *data* (the pickled result of the reads: rows, dicts, model instances,
    counts), never rendered markup: a result marked safe for HTML (``SafeData``) is refused.

    ``cached_markup`` (the templates' ``{% cache "name", parts %}``) keeps a rendered fragment, only
    for one signed-in viewer and only within a request: it depends on every table the request read,
    in the view as in the fragment (see ``RequestScopeMiddleware`` and ``cached_markup``).

The key
    ``key_parts`` must hold everything the result depends on that ``compute`` does not read from
    the database itself: who is looking (``viewer_key(user)``, or ``viewer_class_key(user)`` when
    the result is the same for everyone with the same roles, team and site), the day or time
    bucket (``timezone.localdate()``), the filters and page of the URL, and ``url_scope()`` if the
    result holds reversed URLs. The active language and time zone are added here. Key parts are
    plain values (None, bool, int, float, str, Decimal, UUID, date/time, enums, and tuples or lists
    of them): a model instance is refused, because two different rows could give the same key.

How invalidation works (never declared by hand)
    - *Reads are recorded.* While ``compute()`` runs, the execute wrapper below notes every table
      of the project's models (``apps.get_models()``, many-to-many tables included) whose name
      appears in the SQL it runs, as django-cachalot does. A name seen in a string or a column
      over-approximates, which only costs a hit. A nested ``cached`` call that hits passes its
      tables on to the outer one.
    - *Each table has a version* in the shared cache (a random number), plus one generation that
      every entry also depends on. The versions are read in the same ``get_many`` round trip as the
      entry, *before* ``compute()`` runs, and stored with the result: a write that commits while
      the result is computed changes a version after it was read, so the result is stale on arrival
      rather than served as new. A hit is valid only if every version it stored is still current.
    - *Writes are noticed in one place*: an execute wrapper installed on every database connection
      of every process (``connection_created``; see ``CoreConfig.ready``). It sees the ORM,
      ``bulk_create``, ``QuerySet.update()/delete()``, raw SQL through ``connection.cursor()``, and
      the Celery worker's writes (the worker runs the same code and shares the versions).
      ``INSERT``/``UPDATE``/``DELETE`` bump the version of every project table they name. A
      statement it cannot classify (``WITH … UPDATE``, ``MERGE``, ``COPY``, ``CREATE``/``ALTER``/
      ``DROP``/``TRUNCATE``, ``EXPLAIN ANALYZE``, anything else) bumps the generation: every entry.
      ``SELECT``, ``SAVEPOINT``, ``RELEASE``, ``ROLLBACK``, ``BEGIN``, ``COMMIT``, ``SET`` and
      ``PRAGMA`` change no data.
    - *Bumps wait for the commit*: ``transaction.on_commit(..., robust=True)``, which runs at once
      in autocommit. A rolled-back transaction or savepoint drops its callbacks, so bumps nothing.
      Writes the same connection already bumped since they ran cost no second round trip.
    - *Left out*: ``django_session`` and django-axes' tables (written on sign-ins and many
      requests), and Django's ``last_login`` update on sign-in. No cached read may show them: a
      ``compute()`` that reads one of those tables is run but not kept.
    - *Not seen*: SQL run outside Django (psql by hand), writes by database triggers or functions to
      tables the statement does not name, tables that are not a model's, and reads made outside the
      computing thread or through another cache (``request_memo``, ``lru_cache``): values read that
      way must be in ``key_parts``. Such changes show within ``READ_CACHE_SECONDS``.

Bounds and failure
    - Every entry expires after ``READ_CACHE_SECONDS`` (300 by default; ``timeout=`` overrides).
      Deploys that change what a cached function returns rename its key (or call
      ``invalidate_all()``); a migration's DDL already bumps everything.
    - Redis is asked with 0.2 s socket timeouts (``CACHES["default"]["OPTIONS"]``). After an error
      the process stops using the cache for ``PAUSE_SECONDS`` (30 s): reads simply run. Bumps are
      always tried (writes are rare next to reads); a bump that fails is kept and retried before
      this process uses the cache again and with its next bump. Until then the other processes may
      serve entries that bump should have ended: at most ``READ_CACHE_SECONDS`` if this process
      never comes back (it dies), otherwise until its next request or write after the pause.
    - ``READ_CACHE`` (on by default when ``REDIS_URL`` is set) turns all of this on. A system check
      warns when it is on without a shared cache: a per-process cache would never see the other
      processes' writes.

Use in a page
    ::

        from apps.core import cache as read_cache

        def agenda_view(request):
            day = timezone.localdate()
            weeks = read_cache.cached(
                ("agenda.weeks", read_cache.viewer_key(request.user), day),
                lambda: agenda_weeks_visible_to(request.user, day=day),
            )
            return render(request, "agenda/agenda.html", {"weeks": weeks})

    or, for a selector whose arguments are already plain values::

        @read_cache.cached_function()
        def site_day(site_id: int, day: date) -> SiteDay: ...

    The value returned is the caller's own copy (unpickled for each hit). Tests turn the cache on
    with ``settings.READ_CACHE = True`` and a fresh local-memory cache, and commit their writes with
    ``django_capture_on_commit_callbacks(execute=True)`` or ``transactional_db``.
"""

from __future__ import annotations

import datetime
import decimal
import enum
import functools
import hashlib
import logging
import re
import secrets
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.core import checks
from django.core.cache import caches
from django.db import connections, transaction
from django.db.backends.base.base import NO_DB_ALIAS
from django.utils import timezone, translation
from django.utils.safestring import SafeData
from markupsafe import Markup

from apps.core.reversing import url_scope

logger = logging.getLogger(__name__)

T = TypeVar("T")

ENTRY_PREFIX = "officemgr:read:"
VERSION_PREFIX = "officemgr:table:"
EVERYTHING = "*"  # the generation: bumped by statements that cannot be classified

# Written on sign-ins and on many requests; no cached read shows them.
IGNORED_TABLES = frozenset(
    {"django_session", "axes_accessattempt", "axes_accessattemptexpiration", "axes_accessfailurelog", "axes_accesslog"}
)
# Django's update_last_login: made at every sign-in, and no cached read shows last_login.
_LAST_LOGIN = re.compile(r'\s*UPDATE\s+"?\w+"?\s+SET\s+"?last_login"?\s*=\s*%s\s+WHERE\b', re.IGNORECASE)

PAUSE_SECONDS = 30.0


def enabled() -> bool:
    return bool(getattr(settings, "READ_CACHE", False))


def _cache():
    return caches["default"]


def check_shared_cache(app_configs=None, **kwargs) -> list:
    """System check: the table versions must be seen by every process, so the read cache needs Redis."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if enabled() and not backend.endswith("RedisCache") and not settings.DEBUG:
        return [
            checks.Warning(
                "READ_CACHE is on without the Redis cache: each process would keep its own table versions and "
                "never see the other processes' writes (the Celery worker's, the other web workers').",
                hint="Set REDIS_URL, or READ_CACHE=False.",
                id="officemgr.W001",
            )
        ]
    return []


# --- Which tables a statement reads or writes -------------------------------------------------------

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*")
_NO_DATA_CHANGE = frozenset(
    {"SELECT", "VALUES", "SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT", "END", "START", "SET", "SHOW", "PRAGMA"}
)
_WRITES = frozenset({"INSERT", "UPDATE", "DELETE", "REPLACE"})
_DATA_CHANGING_WORDS = frozenset({"INSERT", "UPDATE", "DELETE", "MERGE"})


@functools.cache
def project_tables() -> frozenset[str]:
    """The tables of every installed model, many-to-many tables included, lower-cased."""
    return frozenset(model._meta.db_table.lower() for model in apps.get_models(include_auto_created=True))


@functools.lru_cache(maxsize=4096)
def tables_named(sql: str) -> frozenset[str]:
    """The project's tables whose name appears as a word in ``sql`` (an over-approximation)."""
    tables = project_tables()
    return frozenset(word for word in {w.lower() for w in _WORD.findall(sql)} if word in tables)


@functools.lru_cache(maxsize=4096)
def written_tables(sql: str) -> frozenset[str] | None:
    """What committing ``sql`` changes: None for no data, a set of tables, or ``{EVERYTHING}``
    when the statement cannot be classified (which must never be taken for a read)."""
    stripped = sql.lstrip()
    if stripped.startswith("("):
        return None  # (SELECT …) UNION (SELECT …): a write cannot be parenthesised
    match = _WORD.match(stripped)
    if match is None:
        return frozenset({EVERYTHING})  # a leading comment, or something stranger
    head = match.group().upper()
    if head in _NO_DATA_CHANGE:
        return None
    if head in _WRITES:
        if head == "UPDATE" and _LAST_LOGIN.match(sql):
            return None
        return tables_named(sql) - IGNORED_TABLES or None
    words = {w.upper() for w in _WORD.findall(stripped)}
    if head == "WITH" and not words & _DATA_CHANGING_WORDS:
        return None  # a read-only common table expression
    if head == "EXPLAIN" and "ANALYZE" not in words:
        return None  # EXPLAIN ANALYZE runs the statement
    return frozenset({EVERYTHING})


# --- The execute wrapper: on every connection, in every process ---------------------------------------


class _Request:
    """What the read cache knows of the request being served (``RequestScopeMiddleware``)."""

    def __init__(self) -> None:
        # The table versions read by the request's first cached read, reused by its later ones (one
        # key per read instead of every version); empty until that first read.
        self.versions: dict[str, Any] = {}
        # Every project table the request has read so far (its outermost recorder), and those it had
        # read when the versions were read (read before them, so maybe older than them).
        self.reads: set[str] = set()
        self.read_before_versions: frozenset[str] | None = None
        # The tables read to load the signed-in user (their roles, team and site are in viewer_key).
        self.user_tables: frozenset[str] = frozenset()
        # The tables this request's own committed writes changed: what it read of them before may
        # be older than the versions it now holds.
        self.bumped: set[str] = set()
        # How many atomic() blocks each connection had open when the request began.
        self.atomic_depths = {c.alias: len(c.atomic_blocks) for c in connections.all(initialized_only=True)}


_request: ContextVar[_Request | None] = ContextVar("read_cache_request", default=None)

# The recorders of the cached computations running in this context (outermost first).
_recorders: ContextVar[tuple[set[str], ...]] = ContextVar("read_cache_recorders", default=())


def _note_reads(tables: Iterable[str]) -> None:
    for recorder in _recorders.get():
        recorder.update(tables)


def _wrapper(execute, sql, params, many, context):
    if not enabled():
        return execute(sql, params, many, context)
    sql = sql if isinstance(sql, str) else str(sql)
    if _recorders.get():
        _note_reads(tables_named(sql))
    result = execute(sql, params, many, context)
    written = written_tables(sql)
    if written is not None:
        _written(context["connection"], written)
    return result


def watch(connection, **kwargs) -> None:
    """``connection_created`` receiver: put the wrapper on every new connection (once).

    Not on Django's connection to no database (``NO_DB_ALIAS``: ``CREATE``/``DROP DATABASE`` for the
    test database on PostgreSQL): it touches no table, and its alias has no entry in ``connections``
    for ``on_commit`` to find, so its ``CREATE DATABASE`` would fail after it ran."""
    if connection.alias == NO_DB_ALIAS:
        return
    if _wrapper not in connection.execute_wrappers:
        # First in the list: connection.execute_wrapper() pops the *last* wrapper when its block ends,
        # and a thread's first query (which connects) may run inside such a block.
        connection.execute_wrappers.insert(0, _wrapper)


class _Written:
    """Per connection (so per thread): a counter of its writes, and the counter's value when each
    table was last bumped by it."""

    def __init__(self) -> None:
        self.count = 0
        self.bumped_at: dict[str, int] = {}


def _written(connection, tables: frozenset[str]) -> None:
    state = connection.__dict__.setdefault("_read_cache_written", _Written())
    state.count += 1
    number = state.count

    def bump_written_tables() -> None:
        # A bump this connection made after this write ran was made after this write's commit too
        # (callbacks run after the commit; an autocommit statement runs after the previous
        # transaction ended), so it already covers it: a loop of saves costs one bump.
        fresh = [table for table in tables if state.bumped_at.get(table, 0) < number]
        if fresh:
            bump(fresh)
            for table in fresh:
                state.bumped_at[table] = state.count

    try:
        # The connection's own on_commit (what transaction.on_commit calls): connections that are not
        # in settings.DATABASES, such as the "__no_db__" one that creates the test database, have one
        # too, while transaction.on_commit(using=...) could not find them by their alias.
        connection.on_commit(bump_written_tables, robust=True)
    except transaction.TransactionManagementError:
        # Autocommit turned off by hand, outside atomic(): there is no commit hook to wait for.
        bump_written_tables()


# --- Versions and bumps ---------------------------------------------------------------------------

_paused_until = 0.0
_unbumped: set[str] = set()
_bumping = threading.Lock()


def _version_key(table: str) -> str:
    return VERSION_PREFIX + table


@functools.cache
def _all_version_keys() -> tuple[str, ...]:
    return (_version_key(EVERYTHING), *(_version_key(table) for table in sorted(project_tables())))


def _new_version() -> int:
    """A random version: an int, which Django's Redis backend stores without pickling (a page reads
    every table's version on its first cached read)."""
    return secrets.randbits(62)


def _available() -> bool:
    return time.monotonic() >= _paused_until


def _failed(what: str) -> None:
    global _paused_until
    _paused_until = time.monotonic() + PAUSE_SECONDS
    logger.warning("read cache: could not %s; reads are not kept for %d s", what, PAUSE_SECONDS, exc_info=True)


def bump(tables: Iterable[str]) -> None:
    """Give the tables new versions (``EVERYTHING``: every entry), ending every entry that read them."""
    if not enabled():
        return
    with _bumping:
        _unbumped.update(tables)
        _bump_unbumped()


def invalidate_all() -> None:
    """End every entry (for a deploy that changes what a cached function returns)."""
    bump([EVERYTHING])


def _bump_unbumped() -> bool:
    """Change the versions not changed yet (the caller holds ``_bumping``); False when the cache failed."""
    tables = tuple(_unbumped)
    if not tables:
        return True
    token = _new_version()
    versions = {_version_key(table): token for table in tables}
    try:
        _cache().set_many(versions, timeout=None)
    except Exception:
        _failed(f"bump the versions of {', '.join(sorted(tables))}")
        return False
    _unbumped.difference_update(tables)
    request = _request.get()
    if request is not None and request.versions:
        request.versions.update(versions)  # this request sees its own writes
        request.bumped.update(tables)
    return True


# --- Reading through the cache --------------------------------------------------------------------

_PLAIN = (
    type(None),
    bool,
    int,
    float,
    str,
    decimal.Decimal,
    uuid.UUID,
    datetime.date,
    datetime.time,
    datetime.timedelta,
    enum.Enum,
)


def _checked(part: Any) -> Any:
    if isinstance(part, (tuple, list)):
        return tuple(_checked(item) for item in part)
    if isinstance(part, _PLAIN):
        return part
    raise TypeError(
        f"read cache key parts must be plain values, not {type(part).__name__}: "
        "pass ids and dates (viewer_key(user) for a user)"
    )


def entry_key(key_parts: tuple) -> str:
    """The cache key of ``key_parts`` in the active language and time zone."""
    full = (_checked(key_parts), translation.get_language(), timezone.get_current_timezone_name())
    return ENTRY_PREFIX + hashlib.sha256(repr(full).encode()).hexdigest()


def viewer_key(user) -> tuple:
    """Who is looking, for a result that differs from one person to another."""
    if not getattr(user, "is_authenticated", False):
        return ("anonymous",)
    return (user.pk, *viewer_class_key(user))


def viewer_class_key(user) -> tuple:
    """What a result shared by everyone with the same roles, team and site depends on."""
    if not getattr(user, "is_authenticated", False):
        return ("anonymous",)
    return (
        user.is_active,
        user.is_superuser,
        user.is_staff,
        tuple(sorted(user.group_names)),
        tuple(user.managed_team_ids),
        user.team_id,
        user.site_id,
    )


def cached(key_parts: tuple, compute: Callable[[], T], *, timeout: int | None = None) -> T:
    """``compute()``, or its result kept under ``key_parts`` while no table it read has changed.

    ``timeout``: seconds to keep the result (``READ_CACHE_SECONDS`` by default).
    """
    if not enabled() or not _available():
        return compute()
    key = entry_key(key_parts)
    found = _lookup(key)
    if found is None:
        return compute()
    if key in found:
        versions, value = found[key]
        _note_reads(table for table, _ in versions if table != EVERYTHING)
        return value

    value, tables = _computed(compute)
    if isinstance(value, SafeData):
        raise TypeError("the read cache keeps data, never rendered markup: cache what the template reads")
    if tables & IGNORED_TABLES:
        logger.warning("read cache: %r read %s, which writes do not bump; not kept", key_parts[:1], tables)
        return value
    _store(key, value, tables, found, timeout)
    return value


def _store(key: str, value: Any, tables: Iterable[str], found: dict[str, Any], timeout: int | None) -> None:
    """Keep ``value`` under ``key``, valid while the ``tables`` keep the versions in ``found``.

    Not kept when a version is missing (evicted since it was read), nor inside a transaction:
    ``value`` may show rows that a rollback will remove, and a rollback bumps nothing."""
    if _in_a_transaction():
        return
    try:
        versions = tuple((table, found[_version_key(table)]) for table in (EVERYTHING, *sorted(tables)))
    except KeyError:
        return
    if timeout is None:
        timeout = int(getattr(settings, "READ_CACHE_SECONDS", 300))
    try:
        _cache().set(key, (versions, value), timeout=timeout)
    except Exception:
        _failed("store a read")


def _in_a_transaction() -> bool:
    """Whether a connection of this thread is inside ``atomic()``: what is read there may show
    writes a rollback will remove. In a request, only the blocks it opened count (a request served
    inside a caller's transaction, as the test client in a test may be, is that caller's concern);
    a test case's own blocks, which never commit, never count."""
    request = _request.get()
    depths = request.atomic_depths if request is not None else {}
    return any(
        not getattr(block, "_from_testcase", False)
        for connection in connections.all(initialized_only=True)
        for block in connection.atomic_blocks[depths.get(connection.alias, 0) :]
    )


# --- Rendered fragments ---------------------------------------------------------------------------

_CSRF_FIELD = 'name="csrfmiddlewaretoken"'


def cached_markup(key_parts: tuple, render: Callable[[], Markup], *, viewer) -> Markup:
    """``render()`` (a template fragment, markup escaped by the template engine), or the markup an
    earlier call rendered for the same viewer and key while nothing the request had read by then has
    changed: the templates' ``{% cache %}`` (``officemgr.jinja2.FragmentCacheExtension``).

    - *Per viewer, always*: the key holds ``viewer_key(viewer)``, the URL scope, today's date, the
      language and the time zone; ``key_parts`` add the rest (the template's name, the day shown,
      the filters and page). Nothing rendered for one person is served to another.
    - *Depends on every table the request read*, before the fragment and inside it: data the view
      read and passed in counts as much as data read while rendering. The versions are those of the
      request's first cached read, so a table read before that read might be older than its
      version: then the fragment is rendered and not kept. The tables read to load the signed-in
      user are the exception: what the key holds of them (roles, team, site) is read with the user;
      the user's own name or e-mail shown in a fragment could, in that instant, be the one before.
      Not kept either: a fragment over a table this request itself wrote (what it read before may
      be older), over a table whose writes bump nothing (sessions, django-axes), or rendered inside
      a transaction (a rollback would bump nothing; ``cached`` keeps nothing there either).
    - The date in the key is the date when the fragment renders: a fragment showing what the view
      split by its own ``today`` puts that ``today`` in its parts too (a request across midnight).
    - *Only in a request* (``RequestScopeMiddleware``); elsewhere it simply renders.
    - A fragment holding a form's CSRF token is refused (the token belongs to one session).
    """
    request = _request.get()
    if request is None or not enabled() or not _available():
        return render()
    key = entry_key(("markup", viewer_key(viewer), url_scope(), timezone.localdate(), *key_parts))
    reads_before = frozenset(request.reads)
    found = _lookup(key)
    if found is None:
        return render()
    if key in found:
        versions, html = found[key]
        kept_tables = {table for table, _ in versions}
        if not (request.reads - IGNORED_TABLES) - kept_tables:  # else this request read more: render
            _note_reads(kept_tables - {EVERYTHING})
            # What the template engine rendered and escaped, kept as text: markup again.
            return Markup(html)  # noqa: S704
    markup, inside = _computed(render)
    html = str(markup)
    if _CSRF_FIELD in html:
        raise TypeError("a cached fragment must not hold a form's CSRF token: it belongs to one session")
    before = request.read_before_versions if request.read_before_versions is not None else reads_before
    early = before - request.user_tables
    tables = request.reads - IGNORED_TABLES
    unsure = (tables & early) | (tables & request.bumped) | ((request.reads - request.user_tables) & IGNORED_TABLES)
    if inside & IGNORED_TABLES or unsure:
        logger.debug(
            "read cache: fragment %r not kept (%s read before their versions or not bumped)", key_parts[:1], unsure
        )
        return markup
    _store(key, html, tables, found, None)
    return markup


def _lookup(key: str) -> dict[str, Any] | None:
    """``_versions_and_entry(key)``, or None when the cache fails (then paused)."""
    try:
        return _versions_and_entry(key)
    except Exception:
        _failed("read the cache")
        return None


def _versions_and_entry(key: str) -> dict[str, Any] | None:
    """The valid entry under ``key`` (if any) and the tables' versions, in one round trip; None when
    the cache cannot be used now."""
    if _unbumped:
        with _bumping:
            if not _bump_unbumped():
                return None  # this process's own writes are not visible to the others yet
    cache = _cache()
    request = _request.get()
    if request is not None and request.versions:
        # Later in a request: the versions read at its first cached read, and the entry alone.
        found = dict(request.versions)
        entry = cache.get(key)
        if entry is not None and all(found.get(_version_key(table)) == version for table, version in entry[0]):
            found[key] = entry
        return found
    found = cache.get_many([key, *_all_version_keys()])
    entry = found.pop(key, None)
    if entry is not None and all(found.get(_version_key(table)) == version for table, version in entry[0]):
        if len(found) == len(_all_version_keys()):
            _keep_snapshot(found)
        found[key] = entry
        return found  # a hit needs only its own tables' versions; a miss needs them all (below)
    missing = [k for k in _all_version_keys() if k not in found]
    if missing:
        # Never bumped yet, or evicted: a fresh token, set before computing (a bump landing between
        # this read and the store must not be mistaken for the version read here).
        for version_key in missing:
            cache.add(version_key, _new_version(), timeout=None)
        found.update(cache.get_many(missing))
        if any(k not in found for k in missing):
            return None
    _keep_snapshot(found)
    return found


def _keep_snapshot(found: dict[str, Any]) -> None:
    request = _request.get()
    if request is not None and not request.versions:
        request.versions.update((k, v) for k, v in found.items() if k.startswith(VERSION_PREFIX))
        request.read_before_versions = frozenset(request.reads)


def _computed(compute: Callable[[], T]) -> tuple[T, set[str]]:
    """``compute()`` and the tables it read."""
    recorder: set[str] = set()
    token = _recorders.set((*_recorders.get(), recorder))
    try:
        value = compute()
    finally:
        _recorders.reset(token)
    _note_reads(recorder)  # an enclosing computation read them too
    return value, recorder


def cached_function(*, key: Callable[..., tuple] | None = None, timeout: int | None = None):
    """Decorator: calls of the function are ``cached``. The key is the function's name and its
    arguments (which must then be plain values), or ``key(*args, **kwargs)`` when given
    (``key=lambda user, day: (viewer_key(user), day)``). ``func.uncached`` is the plain function."""

    def decorate(func: Callable[..., T]) -> Callable[..., T]:
        name = f"{func.__module__}.{func.__qualname__}"

        @functools.wraps(func)
        def wrapper(*args, **kwargs) -> T:
            parts = key(*args, **kwargs) if key is not None else (args, tuple(sorted(kwargs.items())))
            return cached((name, parts), lambda: func(*args, **kwargs), timeout=timeout)

        wrapper.uncached = func
        return wrapper

    return decorate


def reset() -> None:
    """Forget this process's failures and pending bumps (tests)."""
    global _paused_until
    _unbumped.clear()
    _paused_until = 0.0


class RequestScopeMiddleware:
    """Gives each request its read-cache state (``_Request``), placed right after Django's
    authentication middleware: it loads the signed-in user (which the next middleware would) and
    notes the tables that took.

    - *Versions read once.* The first cached read of a request fetches every table's version with
      its entry (one round trip, as outside a request); the later ones fetch only their own entry
      and check it against those versions. A request thus sees the cache as it stood at its first
      read, as a reader at the start of a transaction. Its own writes update the versions it holds
      (``_bump_unbumped``), so what it renders after a write is fresh. Another process's write
      during the request shows from the next request: what this one computes meanwhile is stored
      under the versions it read, so it is stale on arrival, never kept as new.
    - *Reads recorded.* Every project table the request reads, by a query or through a cached read,
      is noted: a cached fragment (``cached_markup``) depends on all of them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        state = _Request()
        token = _request.set(state)
        recording = _recorders.set((state.reads,))
        try:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:  # loaded now (the next middleware would)
                viewer_key(user)  # with what the keys hold of them (their roles and managed teams)
                state.user_tables = frozenset(state.reads)
            return self.get_response(request)
        finally:
            _recorders.reset(recording)
            _request.reset(token)
