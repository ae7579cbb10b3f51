"""Small helpers the leave views share."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from apps.core.http import safe_next


def add_errors(form: BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field when the form has it, on top otherwise."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def bound(request: HttpRequest, *, files: bool = False) -> tuple:
    """A form's data: bound on POST even when the body is empty (so a required field says so)."""
    if request.method != "POST":
        return (None, None) if files else (None,)
    return (request.POST, request.FILES) if files else (request.POST,)


def redirect_next_or(request: HttpRequest, fallback: str) -> HttpResponse:
    return redirect(safe_next(request) or fallback)
