"""Simulating the double submit in one thread: the other request's row lands between our check and our save."""

from __future__ import annotations

from collections.abc import Callable


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
