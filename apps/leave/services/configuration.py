"""The office manager's settings: leave types and the company leave policy."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from apps.core.uniqueness import unique_or
from apps.leave.models import LeaveKind, LeavePolicy, LeaveType
from apps.leave.services._common import is_office_manager

# What the office manager may change on any type, in the order the type's form shows them
# (apps/leave/forms.py takes its fields from here); the kind and the code of a type are fixed once
# created, because the ledger, payroll codes and the legal rules hang on them.
EDITABLE_TYPE_FIELDS = (
    "name",
    "colour",
    "allows_half_days",
    "needs_approval",
    "needs_document",
    "privacy",
    "max_days",
    "second_approval",
    "second_approval_above_days",
    "order",
    "active",
)
POLICY_FIELDS = (
    "counting",
    "period_start_month",
    "period_start_day",
    "allow_anticipation",
    "max_negative_days",
    "rtt_days_per_year",
    "carry_over_max_days",
    "carry_over_expiry_months",
)


def _check(by) -> None:
    if not is_office_manager(by):
        raise PermissionDenied


@transaction.atomic
def leave_type_create(*, by, code: str, name: str, **fields) -> LeaveType:
    """Create a company-specific leave type (kind “other”, no balance); ValidationError if invalid."""
    _check(by)
    leave_type = LeaveType(code=code.strip().upper(), name=name.strip(), kind=LeaveKind.OTHER)
    for field in EDITABLE_TYPE_FIELDS:
        if field in fields:
            setattr(leave_type, field, fields[field])
    leave_type.counts_against_balance = False
    leave_type.full_clean()
    with unique_or(leave_type.full_clean):
        leave_type.save()
    return leave_type


@transaction.atomic
def leave_type_update(*, leave_type: LeaveType, by, **fields) -> LeaveType:
    """Change a type's name, colour, approval and document settings, or deactivate it.

    Deactivating keeps past requests; the type is no longer offered in the request form."""
    _check(by)
    leave_type = LeaveType.objects.select_for_update().get(pk=leave_type.pk)
    for field in EDITABLE_TYPE_FIELDS:
        if field in fields:
            setattr(leave_type, field, fields[field])
    leave_type.full_clean()  # no unique field is editable (the code is fixed): no race to catch
    leave_type.save()
    return leave_type


@transaction.atomic
def leave_policy_update(*, by, **fields) -> LeavePolicy:
    """Save the company leave policy (one row); ValidationError if a value is out of range."""
    _check(by)
    policy = LeavePolicy.load()
    policy = LeavePolicy.objects.select_for_update().get(pk=policy.pk)
    for field in POLICY_FIELDS:
        if field in fields:
            setattr(policy, field, fields[field])
    policy.full_clean()
    policy.save()
    return policy
