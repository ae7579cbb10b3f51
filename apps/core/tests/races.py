"""Races in tests: the double submit simulated in one thread (the other request's row lands between our check and
our save), and real concurrent requests on PostgreSQL (threads released together, each on its own connection)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connections


def rival_saves_after_first_check(monkeypatch, model, save_rival: Callable[[], object]) -> None:
    """``model.full_clean`` passes as usual the first time, then the rival row is written without any
    check, as the parallel request that passed the same check commits it; later calls (the service's
    check run again after the unique violation) are the real ``full_clean``."""
    original = model.full_clean
    calls = []

    def full_clean(self, *args, **kwargs):
        original(self, *args, **kwargs)
        if not calls:
            calls.append(self)
            save_rival()

    monkeypatch.setattr(model, "full_clean", full_clean)


def run_at_once(count: int, work) -> list:
    """Run ``work(i)`` in ``count`` threads released together; their results or exceptions."""
    barrier = threading.Barrier(count)
    outcomes: list = [None] * count

    def attempt(index):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = work(index)
        except Exception as exc:  # reported by the test
            outcomes[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes
