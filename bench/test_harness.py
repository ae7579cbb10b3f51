"""The benchmark harness's own rules (no server, no database): bench/run.py relies on them."""

import json

import benchdb
import benchserver as server
import pytest
import run


def test_bench_database_is_a_separate_postgresql_database_on_the_same_server():
    db = benchdb.bench_database("postgres://app:secret@db.internal:5433/officemgr?sslmode=require")
    assert db.vendor == "postgresql"
    assert db.url == "postgres://app:secret@db.internal:5433/officemgr_bench?sslmode=require"


def test_bench_database_refuses_to_drop_the_project_database():
    with pytest.raises(benchdb.BenchSetupError, match="drops and recreates"):
        benchdb.bench_database("postgres://postgres@127.0.0.1:5432/officemgr_bench")


@pytest.mark.parametrize("url", ["", "sqlite:////tmp/db.sqlite3"])
def test_bench_database_falls_back_to_a_sqlite_file_in_bench(url):
    db = benchdb.bench_database(url)
    assert db.vendor == "sqlite"
    assert db.url.endswith("/bench/bench.sqlite3")


def test_bench_redis_uses_its_own_database_index():
    assert benchdb.bench_redis_url("redis://127.0.0.1:6379/0", 15) == "redis://127.0.0.1:6379/15"
    assert benchdb.bench_redis_url("", 15) == ""


def _wrk_line(**overrides) -> str:
    data = {
        "requests": 1000,
        "seconds": 10.0,
        "rps": 100.0,
        "p50_ms": 5.0,
        "p95_ms": 9.0,
        "p99_ms": 12.0,
        "max_ms": 20.0,
        "not_200": 0,
        "first_bad_status": 0,
        "errors": {"connect": 0, "read": 0, "write": 0, "status": 0, "timeout": 0},
    }
    data.update(overrides)
    return "Running 10s test\n" + server.MARKER + json.dumps(data) + "\n"


def test_a_clean_wrk_run_is_accepted():
    result = server.check_load(server.parse_wrk_output(_wrk_line()), label="/me/")
    assert (result.p50_ms, result.p95_ms, result.rps) == (5.0, 9.0, 100.0)


def test_a_run_with_any_answer_other_than_200_fails_loudly():
    data = server.parse_wrk_output(_wrk_line(not_200=3, first_bad_status=302))
    with pytest.raises(server.LoadError, match="3 of 1000 answers were not 200 \\(first bad status: 302\\)"):
        server.check_load(data, label="/me/")


def test_a_run_with_socket_errors_fails_loudly():
    errors = {"connect": 0, "read": 2, "write": 0, "status": 0, "timeout": 1}
    with pytest.raises(server.LoadError, match="socket errors"):
        server.check_load(server.parse_wrk_output(_wrk_line(errors=errors)), label="/me/")


def test_missing_wrk_summary_is_an_error():
    with pytest.raises(server.LoadError, match="no BENCH_JSON line"):
        server.parse_wrk_output("Running 10s test\n")


def test_each_page_is_held_against_the_faster_of_its_neighbouring_floors():
    floors = [900.0, 600.0, 700.0]  # before the first page, after it, after the second
    assert run.page_floor_rps(floors, 0) == 900.0
    assert run.page_floor_rps(floors, 1) == 700.0
    page = {"queries": 5, "p95_ms": 50.0, "rps": 200.0}
    assert run.verdict(page, 700.0) == []
    assert run.verdict(page, 900.0) == ["< 25% of floor"]
    assert run.verdict({**page, "queries": 16, "p95_ms": 100.0}, 700.0) == [
        "queries > 15",
        "p95 >= 100 ms",
    ]


def test_the_floor_duration_is_at_least_a_second():
    assert run.parse_args(["--floor-duration", "2"]).floor_duration == 2
    with pytest.raises(SystemExit):
        run.parse_args(["--floor-duration", "0"])


def test_the_table_shows_each_pages_own_floor(capsys):
    row = {"queries": 3, "p50_ms": 40.0, "p95_ms": 50.0, "rps": 300.0}
    results = {
        "floor_rps": 900.0,
        "floor_measurements_rps": [900.0, 600.0],
        "read_cache": True,
        "pages": [{"page": "/agenda/", "role": "director", "floor_rps": 600.0, "misses": [], **row}],
        "floor": {**row, "rps": 900.0, "queries": 2},
        "floor_anonymous": {**row, "rps": 1800.0, "queries": 1},
    }
    run.print_table(results)
    line = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("/agenda/"))
    assert "600.0" in line and "50.0%" in line


@pytest.mark.parametrize(
    ("argv", "redis_url", "read_cache"),
    [
        ([], "redis://127.0.0.1:6379/14", "True"),
        (["--no-cache"], "redis://127.0.0.1:6379/14", "False"),
        ([], "", "False"),  # the read cache needs the shared Redis
    ],
)
def test_the_server_runs_with_the_read_cache_unless_told_otherwise(monkeypatch, argv, redis_url, read_cache):
    monkeypatch.setenv("READ_CACHE", "False" if read_cache == "True" else "True")  # the shell's value loses
    args = run.parse_args(argv)
    db = benchdb.bench_database("")
    env = run.production_env(db=db, redis_url=redis_url, static_root="static", read_cache=not args.no_cache)
    assert env["READ_CACHE"] == read_cache


def test_the_query_budget_holds_on_the_first_request_too():
    page = {"queries": 3, "queries_first_request": 16, "p95_ms": 50.0, "rps": 300.0}
    assert run.verdict(page, 700.0) == ["queries > 15"]


def test_the_quote_pdf_time_is_its_median_and_p95_against_300_ms():
    import benchpdf

    timings = [100.0] * 18 + [250.0, 400.0]
    result = benchpdf.summary(timings, reference="DEV-2026-0007", lines=40)
    assert (result["renders"], result["p50_ms"], result["p95_ms"]) == (20, 100.0, 250.0)
    assert result["misses"] == []
    slow = benchpdf.summary([350.0] * 20, reference="DEV-2026-0007", lines=40)
    assert slow["misses"] == ["p95 >= 300 ms"]
    assert "median 350 ms, p95 350 ms (target < 300 ms)  MISS" in benchpdf.line(slow)
    assert benchpdf.line({"skipped": "--pdf-renders 0"}) == "Quote PDF: not measured (--pdf-renders 0)."
