"""A uniqueness race ends as the validation error a single request gets, never as a server error.

The same form sent twice at once runs the service twice in parallel: both pass the check ("this
name is free"), then the database's unique constraint refuses the second insert. ``unique_or`` runs
the save in a savepoint (so the caller's transaction stays usable) and, on a unique violation, runs
the checks again: the row that won is committed by then, so they raise the very ``ValidationError``
the form shows for a plain duplicate. Any other ``IntegrityError`` is a bug and goes through.

    with unique_or(team.full_clean):
        team.save()
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

UNIQUE_VIOLATION = "23505"  # PostgreSQL's SQLSTATE; SQLite only says it in words


def is_unique_violation(exc: IntegrityError) -> bool:
    cause = exc.__cause__
    return getattr(cause, "sqlstate", None) == UNIQUE_VIOLATION or "UNIQUE constraint failed" in str(exc)


@contextmanager
def unique_or(*checks: Callable[[], object]) -> Iterator[None]:
    """Run the block in a savepoint; a unique violation raises what ``checks`` raise now, or a
    general "just saved by someone else" error when they pass (the winner was rolled back since)."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        if not is_unique_violation(exc):
            raise
        for check in checks:
            check()
        raise ValidationError(
            _("The same record was saved at the same moment by another request: reload the page and check."),
            code="unique_race",
        ) from exc
