"""The benchmark's own database: never the one DATABASE_URL names, always rebuilt unless --keep-db.

PostgreSQL when DATABASE_URL points to a PostgreSQL server (a database named ``officemgr_bench``
on that server, dropped and created through its ``postgres`` maintenance database); a SQLite file
``bench/bench.sqlite3`` otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import environ

BENCH_DIR = Path(__file__).resolve().parent
SQLITE_PATH = BENCH_DIR / "bench.sqlite3"
DEFAULT_PG_NAME = "officemgr_bench"


class BenchSetupError(RuntimeError):
    """Something the benchmark needs is missing; the message says what to do."""


@dataclass(frozen=True)
class BenchDatabase:
    vendor: str  # "postgresql" or "sqlite"
    url: str
    label: str  # what the output says: server and database name, or the file


def is_postgresql(url: str) -> bool:
    if not url:
        return False
    return "postgresql" in environ.Env.db_url_config(url)["ENGINE"]


def bench_database(source_url: str, *, pg_name: str = DEFAULT_PG_NAME) -> BenchDatabase:
    """Where the benchmark runs, derived from the project's DATABASE_URL (empty → SQLite)."""
    if not is_postgresql(source_url):
        return BenchDatabase("sqlite", f"sqlite:///{SQLITE_PATH}", str(SQLITE_PATH.relative_to(BENCH_DIR.parent)))
    config = environ.Env.db_url_config(source_url)
    if config["NAME"] == pg_name:
        raise BenchSetupError(
            f"DATABASE_URL already names {pg_name!r}: the benchmark drops and recreates that database, "
            "so it must be a different one from the project's (pass --db-name)."
        )
    parts = urlsplit(source_url)
    url = urlunsplit(parts._replace(path=f"/{pg_name}"))
    host = config.get("HOST") or "local socket"
    port = config.get("PORT") or 5432
    return BenchDatabase("postgresql", url, f"{pg_name} on {host}:{port}")


def _pg_connect_maintenance(url: str):
    import psycopg

    config = environ.Env.db_url_config(url)
    kwargs = {"dbname": "postgres", "autocommit": True, "connect_timeout": 10}
    for key, arg in (("USER", "user"), ("PASSWORD", "password"), ("HOST", "host"), ("PORT", "port")):
        if config.get(key):
            kwargs[arg] = config[key]
    try:
        return psycopg.connect(**kwargs)
    except psycopg.OperationalError as exc:
        raise BenchSetupError(f"cannot reach the PostgreSQL server of DATABASE_URL: {exc}") from exc


def recreate(db: BenchDatabase) -> None:
    """Start from an empty database: drop and create it (PostgreSQL) or delete the file (SQLite)."""
    if db.vendor == "sqlite":
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        return
    from psycopg import sql

    name = environ.Env.db_url_config(db.url)["NAME"]
    with _pg_connect_maintenance(db.url) as conn:
        # FORCE ends sessions left by an interrupted run (a gunicorn worker killed mid-request).
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def exists(db: BenchDatabase) -> bool:
    if db.vendor == "sqlite":
        return SQLITE_PATH.is_file()
    name = environ.Env.db_url_config(db.url)["NAME"]
    with _pg_connect_maintenance(db.url) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def bench_redis_url(source_url: str, db_index: int) -> str:
    """The same Redis server on its own database index, so a developer's worker or cache is untouched."""
    if not source_url:
        return ""
    parts = urlsplit(source_url)
    return urlunsplit(parts._replace(path=f"/{db_index}"))


def flush_redis(redis_url: str) -> None:
    """Empty the bench's own Redis database index (cache and queue); a no-op without Redis."""
    if not redis_url:
        return
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        client.flushdb()
    finally:
        client.close()
