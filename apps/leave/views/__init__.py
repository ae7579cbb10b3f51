"""The leave pages (thin views: a scoped selector, one service, render or redirect)."""

from .calendar import calendar, calendar_events
from .decisions import cancellation_confirm, cancellation_decline, request_approve, request_cancel, request_refuse
from .deputies import deputy_delete, deputy_list
from .office import (
    balance_adjust,
    balance_import,
    balance_list,
    payroll_export,
    policy_edit,
    type_create,
    type_edit,
    type_list,
)
from .requests import my_leave, request_create, request_detail, request_document, request_preview

__all__ = [
    "balance_adjust",
    "balance_import",
    "balance_list",
    "calendar",
    "calendar_events",
    "cancellation_confirm",
    "cancellation_decline",
    "deputy_delete",
    "deputy_list",
    "my_leave",
    "payroll_export",
    "policy_edit",
    "request_approve",
    "request_cancel",
    "request_create",
    "request_detail",
    "request_document",
    "request_preview",
    "request_refuse",
    "type_create",
    "type_edit",
    "type_list",
]
