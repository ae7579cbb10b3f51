"""A leave type created twice at once: the second is refused with the error a plain duplicate code gets,
never an IntegrityError (apps/core/uniqueness.py). In one thread the rival row is rolled back with the
service's transaction."""

import pytest
from django.core.exceptions import ValidationError

from apps.core.tests.races import rival_saves_after_first_check
from apps.leave.models import LeaveKind, LeaveType
from apps.leave.services import configuration


def error_of(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def test_a_leave_type_created_twice_at_once_is_refused_like_a_duplicate(org, monkeypatch):
    def rival():
        LeaveType.objects.create(code="DEM", name="Déménagement", kind=LeaveKind.OTHER, counts_against_balance=False)

    create = lambda: configuration.leave_type_create(by=org.office_manager, code="dem", name="Moving")  # noqa: E731
    rival_saves_after_first_check(monkeypatch, LeaveType, rival)
    raced = error_of(create)
    monkeypatch.undo()
    assert not LeaveType.objects.filter(code="DEM").exists()
    rival()
    assert raced == error_of(create)
    assert list(raced) == ["code"]
