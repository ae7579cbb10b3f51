"""`make bench` on a fresh machine: wrk is found, installed by root with apt-get, or one line says how."""

import subprocess

import benchserver as server
import pytest
import run


class FakeMachine:
    """Which commands exist, and what apt-get does when asked (it installs wrk on a given attempt)."""

    def __init__(self, *, commands=(), installs_on_attempt=None):
        self.commands = set(commands)
        self.installs_on_attempt = installs_on_attempt
        self.calls = []

    def which(self, name):
        return f"/usr/bin/{name}" if name in self.commands else None

    def run(self, command, **kwargs):
        self.calls.append(command)
        installs = [call for call in self.calls if call == server.WRK_INSTALL]
        ok = command == server.APT_UPDATE or len(installs) == self.installs_on_attempt
        if command == server.WRK_INSTALL and ok:
            self.commands.add("wrk")
        return subprocess.CompletedProcess(command, 0 if ok else 100)

    def ensure(self, *, is_root):
        return server.ensure_wrk(which=self.which, is_root=is_root, run=self.run, say=lambda message: None)


@pytest.mark.parametrize("is_root", [True, False])
def test_an_installed_wrk_is_used_as_it_is(is_root):
    machine = FakeMachine(commands={"wrk", "apt-get"})
    assert machine.ensure(is_root=is_root) == "/usr/bin/wrk"
    assert machine.calls == []


def test_root_installs_the_debian_package():
    machine = FakeMachine(commands={"apt-get"}, installs_on_attempt=1)
    assert machine.ensure(is_root=True) == "/usr/bin/wrk"
    assert machine.calls == [server.WRK_INSTALL]


def test_root_updates_the_package_lists_when_the_package_is_not_found():
    machine = FakeMachine(commands={"apt-get"}, installs_on_attempt=2)
    assert machine.ensure(is_root=True) == "/usr/bin/wrk"
    assert machine.calls == [server.WRK_INSTALL, server.APT_UPDATE, server.WRK_INSTALL]


def test_a_failed_install_says_so_in_one_line():
    machine = FakeMachine(commands={"apt-get"}, installs_on_attempt=None)
    with pytest.raises(server.WrkMissing) as excinfo:
        machine.ensure(is_root=True)
    assert "\n" not in str(excinfo.value)
    assert machine.calls == [server.WRK_INSTALL, server.APT_UPDATE, server.WRK_INSTALL]


def test_anyone_else_is_told_how_without_anything_being_run():
    machine = FakeMachine(commands={"apt-get"}, installs_on_attempt=1)
    with pytest.raises(server.WrkMissing, match=r"^wrk is missing: run `sudo apt-get install wrk`") as excinfo:
        machine.ensure(is_root=False)
    assert "\n" not in str(excinfo.value)
    assert machine.calls == []


def test_root_without_apt_get_is_told_how():
    machine = FakeMachine(commands=set())
    with pytest.raises(server.WrkMissing, match=r"https://github\.com/wg/wrk"):
        machine.ensure(is_root=True)
    assert machine.calls == []


def test_the_bench_stops_with_that_one_line_and_no_traceback(monkeypatch, capsys):
    def missing(**kwargs):
        raise server.WrkMissing("wrk is missing: run `sudo apt-get install wrk`, then `make bench` again.")

    monkeypatch.setattr(server, "ensure_wrk", missing)
    monkeypatch.setattr(run.signal, "signal", lambda *args: None)  # keep pytest's own handlers
    assert run.main(["--skip-reminders"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "wrk is missing: run `sudo apt-get install wrk`, then `make bench` again.\n"
