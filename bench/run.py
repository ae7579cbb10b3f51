#!/usr/bin/env python
"""officemgr benchmark: key pages against the framework floor, on years of seeded history.

One run (see bench/README.md):
1. rebuilds a separate database (PostgreSQL when DATABASE_URL points to one, SQLite otherwise)
   and seeds it with ``seed_demo --scale 6.25 --years 5`` (250 people, 5 years);
2. serves the project with gunicorn (sync workers) under production settings;
3. measures the framework floor (/bench/floor/: signed in, one SELECT 1) and every page of
   ``registry.benchmark_pages()`` as the role that uses it, with wrk (16 connections, fixed time),
   and counts the SQL queries of one request to each page;
4. times the quote PDF: the demo's 40-line quote rendered 20 times in process (median, p95);
5. measures the time to send 10,000 due reminders through a real Celery worker, run twice;
6. prints one table and writes bench/results.json.

Usage: .venv/bin/python bench/run.py [--duration 10] [--keep-db] [--help]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
BASE_DIR = BENCH_DIR.parent
sys.path.insert(0, str(BASE_DIR))

import benchdb  # noqa: E402
import benchpdf  # noqa: E402
import benchreminders  # noqa: E402
import benchserver as server  # noqa: E402

# Targets from the issue: a page passes when all three hold.
MAX_QUERIES = 15
MAX_P95_MS = 100.0
MIN_FLOOR_SHARE = 0.25

DEMO_USERS = {
    "staff": "staff@example.com",
    "manager": "manager@example.com",
    "office_manager": "office@example.com",
    "director": "director@example.com",
}
FLOOR_PATH = "/bench/floor/"
FLOOR_ANON_PATH = "/bench/floor-anon/"
RESULTS_PATH = BENCH_DIR / "results.json"


def _at_least_one_second(text: str) -> float:
    seconds = float(text)
    if seconds < 1:
        raise argparse.ArgumentTypeError("at least 1 second")
    return seconds


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=10, help="seconds of load per page (default 10)")
    parser.add_argument("--warmup", type=float, default=2, help="seconds of unrecorded load before each (default 2)")
    parser.add_argument("--connections", type=int, default=16, help="concurrent clients (default 16)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers (default 4)")
    parser.add_argument("--scale", type=float, default=6.25, help="seed_demo --scale (default 6.25: 250 people)")
    parser.add_argument("--years", type=int, default=5, help="seed_demo --years of history (default 5)")
    parser.add_argument("--keep-db", action="store_true", help="reuse the seeded bench database (skip seeding)")
    parser.add_argument(
        "--db-name", default=benchdb.DEFAULT_PG_NAME, help="PostgreSQL bench database (default officemgr_bench)"
    )
    parser.add_argument("--redis-db", type=int, default=14, help="Redis database index the bench owns (default 14)")
    parser.add_argument("--reminders", type=int, default=10_000, help="due reminders to send (default 10000)")
    parser.add_argument("--skip-reminders", action="store_true", help="leave out the background-work figure")
    parser.add_argument(
        "--pdf-renders", type=int, default=benchpdf.RENDERS, help="timed renders of the quote PDF (default 20; 0 skips)"
    )
    parser.add_argument(
        "--floor-duration",
        type=_at_least_one_second,
        default=5,
        help="seconds of each floor measurement between pages (default 5)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="serve with READ_CACHE=False: every page reads everything on every request (apps/core/cache.py)",
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when a page misses a target")
    parser.add_argument("--output", type=Path, default=RESULTS_PATH, help="results file (default bench/results.json)")
    args = parser.parse_args(argv)
    if args.duration < 1 or args.connections < 1 or args.threads < 1 or args.workers < 1:
        parser.error("--duration, --connections, --threads and --workers must be at least 1")
    if args.connections < args.threads:
        parser.error("--connections must be at least --threads (wrk gives each thread a connection)")
    return args


def say(message: str = "") -> None:
    print(message, flush=True)


def production_env(
    *, db: benchdb.BenchDatabase, redis_url: str, static_root: str, read_cache: bool = True
) -> dict[str, str]:
    """Production settings for this run: DEBUG off, a fresh secret, no TLS redirects on localhost."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="officemgr.settings",
        DEBUG="False",
        SECRET_KEY=secrets.token_urlsafe(50),
        # testserver: the in-process client that counts queries uses the same settings.
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="False",
        SESSION_COOKIE_SECURE="False",
        CSRF_COOKIE_SECURE="False",
        SECURE_HSTS_SECONDS="0",
        BENCHMARK_VIEWS="True",
        DATABASE_URL=db.url,
        REDIS_URL=redis_url,
        CELERY_BROKER_URL=redis_url,
        STATIC_ROOT=static_root,
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    # Set either way, so a READ_CACHE exported in the developer's shell does not decide the run. The
    # cache needs the shared Redis (apps/core/cache.py): without it the run is uncached.
    env["READ_CACHE"] = "True" if read_cache and redis_url else "False"
    return env


def manage(env: dict[str, str], *args: str) -> None:
    command = [sys.executable, str(BASE_DIR / "manage.py"), *args]
    completed = subprocess.run(command, cwd=BASE_DIR, env=env, check=False)
    if completed.returncode != 0:
        raise benchdb.BenchSetupError(f"`manage.py {' '.join(args)}` failed with code {completed.returncode}")


def prepare_database(args, db: benchdb.BenchDatabase, env: dict[str, str]) -> float | None:
    """Rebuild and seed the bench database; returns the seeding time (None when reused)."""
    if args.keep_db and benchdb.exists(db):
        say("Reusing the seeded bench database (--keep-db): no seeding.")
        manage(env, "migrate", "--noinput", "-v0")
        analyze(env)
        return None
    if args.keep_db:
        say("--keep-db: no bench database yet, building one.")
    benchdb.recreate(db)
    manage(env, "migrate", "--noinput", "-v0")
    say(f"Seeding: seed_demo --scale {args.scale:g} --years {args.years} ...")
    started = time.monotonic()
    manage(env, "seed_demo", "--scale", f"{args.scale:g}", "--years", str(args.years))
    seconds = time.monotonic() - started
    say(f"Seeded in {seconds:.1f} s.")
    analyze(env)
    return seconds


def analyze(env: dict[str, str]) -> None:
    """Refresh the planner's statistics, as autovacuum would soon after a bulk load in production.

    Without it PostgreSQL plans the first minutes after seeding on empty-table estimates.
    """
    manage(env, "shell", "-c", "from django.db import connection; connection.cursor().execute('ANALYZE')")


def role_user(role: str):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    if role == "admin":
        user = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
        if user is None:
            raise benchdb.BenchSetupError("no active superuser in the bench database for an 'admin' page")
        return user
    email = DEMO_USERS.get(role)
    if email is None:
        raise benchdb.BenchSetupError(f"unknown role {role!r} in benchmark_pages(); known: {sorted(DEMO_USERS)}")
    user = User.objects.filter(email=email).first()
    if user is None:
        raise benchdb.BenchSetupError(f"seed_demo did not create {email} (the {role} demo account)")
    if not user.has_role(role):
        raise benchdb.BenchSetupError(f"{email} does not have the {role} role in the seeded data")
    return user


def session_cookie(user) -> str:
    """A real session for ``user``, as ``django.contrib.auth.login`` would store it."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from apps.accounts.sessions import session_start

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = user._meta.pk.value_to_string(user)
    # The backend that signs people in (django-axes, first in the list, only counts attempts).
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session_start(store)  # the idle and absolute clocks, as the login signal starts them
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def count_queries(path: str, user) -> tuple[int, int]:
    """Queries of one request to ``path``, in this process against the bench database.

    Returns (first request, second request): the first is a read-cache miss (every kept read is
    ended first, so an earlier page's entries cannot flatter it), the second is the steady state wrk
    measures (caches filled); both must be 200.
    """
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from apps.core import cache as read_cache

    client = Client()
    if user is not None:
        client.force_login(user)
    read_cache.invalidate_all()
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        if response.status_code != 200:
            where = f" → {response.get('Location')}" if response.has_header("Location") else ""
            raise server.LoadError(f"{path}: the in-process request answered {response.status_code}{where}")
        counts.append(len(captured.captured_queries))
    return counts[0], counts[1]


def load(
    gunicorn: server.Gunicorn, args, *, path: str, cookie: str, label: str, duration: float | None = None
) -> server.LoadResult:
    status, location, _ = server.get(gunicorn.port, path, cookie)
    if status != 200:
        raise server.LoadError(f"{label}: GET {path} answered {status}{' → ' + location if location else ''}")
    common = {
        "port": gunicorn.port,
        "path": path,
        "cookie": cookie,
        "connections": args.connections,
        "threads": args.threads,
        "label": label,
    }
    if args.warmup >= 1:
        server.run_wrk(duration=args.warmup, **common)
    return server.run_wrk(duration=args.duration if duration is None else duration, **common)


def page_floor_rps(floors: list[float], index: int) -> float:
    """The floor page ``index`` is held against: the faster of the floor measured just before it
    (``floors[index]``) and just after it (``floors[index + 1]``)."""
    return max(floors[index], floors[index + 1])


def verdict(page: dict, floor_rps: float) -> list[str]:
    misses = []
    # The budget holds on a cache miss too (the first request), not only once the cache is filled.
    budget = page.get("max_queries", MAX_QUERIES)
    if max(page["queries"], page.get("queries_first_request", 0)) > budget:
        misses.append(f"queries > {budget}")
    if page["p95_ms"] >= MAX_P95_MS:
        misses.append(f"p95 >= {MAX_P95_MS:g} ms")
    if page["rps"] < MIN_FLOOR_SHARE * floor_rps:
        misses.append(f"< {MIN_FLOOR_SHARE:.0%} of floor")
    return misses


def table_row(page: str, role: str, queries, result: dict, floor_rps: float, note: str = "", *, width: int = 32) -> str:
    share = 100 * result["rps"] / floor_rps if floor_rps else 0
    return (
        f"{page:<{width}} {role:<15} {queries:>9} {result['p50_ms']:>8.1f} {result['p95_ms']:>8.1f} "
        f"{result['rps']:>8.1f} {floor_rps:>8.1f} {share:>7.1f}%  {note}"
    ).rstrip()


def print_table(results: dict) -> None:
    floor = results["floor_rps"]
    width = max([32] + [len(page["page"]) for page in results["pages"]])
    header = (
        f"{'page':<{width}} {'role':<15} {'queries':>9} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8} {'floor':>8}"
        f" {'% floor':>8}  result"
    )
    say(header)
    say("-" * len(header))
    for page in results["pages"]:
        note = "MISS: " + ", ".join(page["misses"]) if page["misses"] else "ok"
        page_floor = page.get("floor_rps") or floor
        queries = f"{page.get('queries_first_request', '?')}/{page['queries']}"
        say(table_row(page["page"], page["role"], queries, page, page_floor, note, width=width))
    say("-" * len(header))
    floor_row = results["floor"]
    say(table_row(f"{FLOOR_PATH} (floor, fastest)", "staff", floor_row["queries"], floor_row, floor, width=width))
    anon = results["floor_anonymous"]
    say(table_row(f"{FLOOR_ANON_PATH} (reference)", "anonymous", anon["queries"], anon, floor, width=width))
    measurements = results.get("floor_measurements_rps") or [floor]
    say(
        f"Floor: measured {len(measurements)} times, {min(measurements):.1f} to {max(measurements):.1f} req/s; each"
        " page against the faster of the floors just before and just after it (column floor)."
    )
    if results.get("read_cache") is False:
        say("Read cache off (--no-cache or no Redis): every page read everything on every request.")
        say("Queries: first request / repeat request (what wrk measures).")
    else:
        say("Queries: first request (cache empty) / repeat request (what wrk measures, the read cache filled).")


def print_reminders(reminders: dict | None) -> None:
    if reminders is None:
        return
    if reminders.get("count") is None:
        say(f"Reminders: not measured ({reminders.get('skipped', 'skipped')}).")
        return
    say(
        f"Reminders: {reminders['count']} due reminders dispatched twice, all sent in {reminders['seconds']:.1f} s "
        f"({reminders['count'] / reminders['seconds']:.0f}/s) by a real worker; duplicates: {reminders['duplicates']}."
    )


def _summary(result: server.LoadResult, queries: int) -> dict:
    return {
        "queries": queries,
        "p50_ms": round(result.p50_ms, 2),
        "p95_ms": round(result.p95_ms, 2),
        "rps": round(result.rps, 1),
    }


def measure(args, env: dict[str, str], db: benchdb.BenchDatabase) -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connections

    from apps.core import registry

    pages = registry.benchmark_pages()
    if not pages:
        raise benchdb.BenchSetupError("registry.benchmark_pages() is empty: no app registers a key page")
    people = get_user_model().objects.filter(is_active=True).count()
    users = {page.role: (None if page.role == "anonymous" else role_user(page.role)) for page in pages}
    users.setdefault("staff", role_user("staff"))
    cookies = {role: (session_cookie(user) if user else "") for role, user in users.items()}
    # A page about one object finds it in the seeded data (BenchPage.resolve); ``path`` stays its key.
    urls = {page.path: page.url() for page in pages}
    counts = {page.path: count_queries(urls[page.path], users[page.role]) for page in pages}
    floor_queries = count_queries(FLOOR_PATH, users["staff"])[1]
    floor_anon_queries = count_queries(FLOOR_ANON_PATH, None)[1]
    connections.close_all()

    say(f"People: {people} active accounts. Key pages: {len(pages)}.")
    say(
        f"Load: wrk, {args.connections} connections on {args.threads} threads, {args.warmup:g} s warm-up "
        f"+ {args.duration:g} s per page; gunicorn, {args.workers} sync workers."
    )
    with tempfile.TemporaryDirectory(prefix="officemgr-bench-") as tmp:
        gunicorn = server.Gunicorn(env=env, workers=args.workers, log_path=Path(tmp) / "gunicorn.log")
        try:
            gunicorn.wait_healthy()
            say(f"Serving on 127.0.0.1:{gunicorn.port}. Measuring the floor ...")
            # The floor before the first page and again after each page: the machine's speed drifts
            # during a run (a floor of 900 req/s at the start and 600 at the end has been seen), so each
            # page is held against the faster of the floors measured just before and just after it.
            floors = [load(gunicorn, args, path=FLOOR_PATH, cookie=cookies["staff"], label="floor")]
            floor_anon = load(gunicorn, args, path=FLOOR_ANON_PATH, cookie="", label="anonymous floor")
            measured = []
            for page in pages:
                say(f"Measuring {urls[page.path]} as {page.role} ...")
                result = load(gunicorn, args, path=urls[page.path], cookie=cookies[page.role], label=page.path)
                floors.append(
                    load(
                        gunicorn,
                        args,
                        path=FLOOR_PATH,
                        cookie=cookies["staff"],
                        label="floor",
                        duration=args.floor_duration,
                    )
                )
                first, steady = counts[page.path]
                measured.append(
                    {
                        "page": page.path,
                        "name": page.name,
                        "role": page.role,
                        "queries": steady,
                        "queries_first_request": first,
                        "max_queries": page.max_queries,
                        "p50_ms": round(result.p50_ms, 2),
                        "p95_ms": round(result.p95_ms, 2),
                        "rps": round(result.rps, 1),
                        "requests": result.requests,
                        "floor_rps": round(page_floor_rps([f.rps for f in floors], len(measured)), 1),
                    }
                )
        except server.LoadError as exc:
            raise server.LoadError(f"{exc}\n--- gunicorn log ---\n{gunicorn.log_tail()}") from exc
        finally:
            gunicorn.stop()

    floor = max(floors, key=lambda result: result.rps)
    for page in measured:
        page["floor_share"] = round(page["rps"] / page["floor_rps"], 3)
        page["misses"] = verdict(page, page["floor_rps"])
    results = {
        "database": db.vendor,
        "people": people,
        "floor_rps": round(floor.rps, 1),
        "floor_measurements_rps": [round(result.rps, 1) for result in floors],
        "read_cache": env["READ_CACHE"] == "True",
        "floor_anonymous_rps": round(floor_anon.rps, 1),
        "floor": _summary(floor, floor_queries),
        "floor_anonymous": _summary(floor_anon, floor_anon_queries),
        "pages": measured,
        "reminders": None,
    }
    return results


def run(args) -> int:
    # Before anything slow: a fresh machine learns at once that wrk is missing, or gets it installed.
    server.ensure_wrk(say=say)
    environ_file = BASE_DIR / ".env"
    if environ_file.is_file():
        import environ

        environ.Env.read_env(str(environ_file))  # as settings.py does; real environment variables win
    db = benchdb.bench_database(os.environ.get("DATABASE_URL", ""), pg_name=args.db_name)
    redis_url = benchdb.bench_redis_url(os.environ.get("REDIS_URL", ""), args.redis_db)

    say("officemgr benchmark")
    say(
        f"Machine: {platform.node()}, {os.cpu_count()} CPU cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )
    if db.vendor == "postgresql":
        say(f"Database: PostgreSQL, {db.label}")
    else:
        say(f"Database: SQLite, {db.label} (DATABASE_URL does not point to PostgreSQL; figures are indicative only)")
    say(f"Redis: {redis_url or 'none (REDIS_URL unset: local-memory cache, eager tasks, no reminders figure)'}")

    with tempfile.TemporaryDirectory(prefix="officemgr-bench-static-") as static_root:
        env = production_env(db=db, redis_url=redis_url, static_root=static_root, read_cache=not args.no_cache)
        os.environ.update(env)
        benchdb.flush_redis(redis_url)
        seed_seconds = prepare_database(args, db, env)
        manage(env, "collectstatic", "--noinput", "-v0")
        results = measure(args, env, db)
        results["quote_pdf"] = {"skipped": "--pdf-renders 0"}
        if args.pdf_renders > 0:
            results["quote_pdf"] = benchpdf.measure(renders=args.pdf_renders, say=say)
        results["seed_seconds"] = None if seed_seconds is None else round(seed_seconds, 1)

        if args.skip_reminders:
            results["reminders"] = {"count": None, "seconds": None, "duplicates": None, "skipped": "--skip-reminders"}
        else:
            results["reminders"] = benchreminders.measure(env=env, count=args.reminders, redis_url=redis_url, say=say)

    results["settings"] = {
        "duration_s": args.duration,
        "warmup_s": args.warmup,
        "connections": args.connections,
        "wrk_threads": args.threads,
        "gunicorn_workers": args.workers,
        "scale": args.scale,
        "years": args.years,
        "cpu_cores": os.cpu_count(),
    }
    say()
    print_table(results)
    print_reminders(results["reminders"])
    say(benchpdf.line(results.get("quote_pdf")))
    args.output.write_text(json.dumps(results, indent=2) + "\n")
    say(
        f"Targets: <= {MAX_QUERIES} queries (a page may set its own), p95 < {MAX_P95_MS:g} ms, "
        f">= {MIN_FLOOR_SHARE:.0%} of the floor's req/s."
    )
    say(f"Results written to {args.output}.")

    missed = [page["page"] for page in results["pages"] if page["misses"]]
    if (results.get("quote_pdf") or {}).get("misses"):
        missed.append("the quote PDF")
    duplicates = (results["reminders"] or {}).get("duplicates")
    if duplicates:
        say(f"FAIL: {duplicates} reminders were sent more than once.")
        return 1
    if missed:
        say(f"Pages missing a target: {', '.join(missed)}.")
        return 1 if args.strict else 0
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)

    # SIGTERM (CI cancelling the job) unwinds like Ctrl-C, so the servers below are always stopped.
    def _terminate(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _terminate)
    # A shell starting us in the background ignores SIGINT; Ctrl-C must still stop the servers cleanly.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return run(args)
    except server.WrkMissing as exc:
        print(exc, file=sys.stderr, flush=True)
        return 2
    except (benchdb.BenchSetupError, server.LoadError, benchreminders.ReminderBenchError) as exc:
        print(f"\nBENCHMARK FAILED: {exc}", file=sys.stderr, flush=True)
        return 2
    except KeyboardInterrupt:
        print("\nInterrupted; servers stopped.", file=sys.stderr, flush=True)
        return 130


if __name__ == "__main__":
    sys.exit(main())
