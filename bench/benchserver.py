"""Serving the project under gunicorn and loading it with wrk."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
BASE_DIR = BENCH_DIR.parent
LUA_SCRIPT = BENCH_DIR / "report.lua"
MARKER = "BENCH_JSON "


class LoadError(RuntimeError):
    """A measurement is worthless (non-200 answers, socket errors, no output from wrk)."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str, cookie: str = "", timeout: float = 30) -> tuple[int, str, bytes]:
    """One GET without following redirects: (status, Location header, body)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {"Host": "127.0.0.1"}
        if cookie:
            headers["Cookie"] = cookie
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, response.getheader("Location") or "", response.read()
    finally:
        conn.close()


class Gunicorn:
    """gunicorn with sync workers in its own process group; ``stop()`` always ends it."""

    def __init__(self, *, env: dict[str, str], workers: int, log_path: Path):
        self.port = free_port()
        self.log_path = log_path
        self._log = open(log_path, "wb")  # noqa: SIM115 - closed in stop()
        executable = Path(sys.executable).with_name("gunicorn")
        command = [
            str(executable) if executable.exists() else "gunicorn",
            "officemgr.wsgi:application",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--log-level",
            "warning",
            # Under load, queued connections wait in the backlog instead of being refused.
            "--backlog",
            "2048",
        ]
        self.process = subprocess.Popen(
            command, cwd=BASE_DIR, env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        last = "no answer"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise LoadError(f"gunicorn exited with code {self.process.returncode}:\n{self.log_tail()}")
            try:
                status, _, body = get(self.port, "/healthz", timeout=5)
                if status == 200:
                    return
                last = f"{status} {body[:200]!r}"
            except OSError as exc:
                last = str(exc)
            time.sleep(0.3)
        raise LoadError(f"gunicorn did not answer 200 on /healthz within {timeout:.0f}s ({last}):\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        self._log.flush()
        text = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join(text[-lines:])

    def stop(self) -> None:
        if self.process.poll() is None:
            # The master stops its workers on SIGTERM; the process group catches any straggler.
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        self._log.close()


@dataclass(frozen=True)
class LoadResult:
    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float


class WrkMissing(RuntimeError):
    """wrk is not installed and the bench may not install it; the message is the one line to act on."""


WRK_INSTALL = ["apt-get", "install", "-y", "-q", "wrk"]
APT_UPDATE = ["apt-get", "update", "-q"]


def wrk_install_hint(*, which=shutil.which) -> str:
    if which("apt-get"):
        return "wrk is missing: run `sudo apt-get install wrk`, then `make bench` again."
    return "wrk is missing: install it with your package manager, or build it from https://github.com/wg/wrk."


def ensure_wrk(*, which=shutil.which, is_root=None, run=subprocess.run, say=print) -> str:
    """The path of wrk, installed with Debian's apt-get first when it is missing and we are root.

    Only root on a machine with apt-get installs it (a fresh CI container or VM); anyone else gets
    one line saying how, as a ``WrkMissing``. ``apt-get update`` runs only when the first install
    fails, which is what a fresh image with empty package lists needs.
    """
    path = which("wrk")
    if path:
        return path
    if is_root is None:
        is_root = os.geteuid() == 0
    if not (is_root and which("apt-get")):
        raise WrkMissing(wrk_install_hint(which=which))
    say("wrk is missing: installing Debian's package (apt-get install wrk) ...")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if run(WRK_INSTALL, env=env, check=False).returncode != 0:
        run(APT_UPDATE, env=env, check=False)
        run(WRK_INSTALL, env=env, check=False)
    path = which("wrk")
    if not path:
        raise WrkMissing("wrk is missing and `apt-get install -y wrk` did not install it: see apt-get's output above.")
    return path


def wrk_path() -> str:
    path = shutil.which("wrk")
    if not path:
        raise LoadError(wrk_install_hint())
    return path


def parse_wrk_output(output: str) -> dict:
    for line in output.splitlines():
        if line.startswith(MARKER):
            return json.loads(line[len(MARKER) :])
    raise LoadError(f"wrk printed no {MARKER.strip()} line (is bench/report.lua intact?):\n{output[-2000:]}")


def check_load(data: dict, *, label: str) -> LoadResult:
    """Refuse a run where any answer was not a 200 or any socket failed: such figures mean nothing."""
    errors = data["errors"]
    socket_errors = {k: v for k, v in errors.items() if k != "status" and v}
    if data["not_200"] or socket_errors or not data["requests"]:
        raise LoadError(
            f"{label}: {data['not_200']} of {data['requests']} answers were not 200 "
            f"(first bad status: {data['first_bad_status'] or '-'}), socket errors: {socket_errors or 'none'}"
        )
    return LoadResult(
        requests=data["requests"],
        seconds=data["seconds"],
        rps=data["rps"],
        p50_ms=data["p50_ms"],
        p95_ms=data["p95_ms"],
        p99_ms=data["p99_ms"],
        max_ms=data["max_ms"],
    )


def run_wrk(
    *, port: int, path: str, cookie: str, duration: float, connections: int, threads: int, label: str
) -> LoadResult:
    command = [
        wrk_path(),
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(duration))}s",
        "--timeout",
        "10s",
        "-s",
        str(LUA_SCRIPT),
        "-H",
        "Host: 127.0.0.1",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(f"http://127.0.0.1:{port}{path}")
    completed = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60, check=False)
    if completed.returncode != 0:
        raise LoadError(f"{label}: wrk failed ({completed.returncode}): {completed.stderr.strip()}")
    return check_load(parse_wrk_output(completed.stdout), label=label)
