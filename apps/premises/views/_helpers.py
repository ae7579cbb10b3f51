"""Small helpers the premises views share."""

from __future__ import annotations

import datetime as dt
import mimetypes

from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control


def add_errors(form: BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field when the form has it, on top otherwise."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def error_messages(exc: ValidationError) -> list[str]:
    return [str(message) for message in exc.messages]


def parse_time(value: str | None, default: dt.time) -> dt.time:
    try:
        return dt.time.fromisoformat(value) if value else default
    except ValueError:
        return default


def serve_file(field_file, *, inline: bool = True) -> FileResponse:
    """An uploaded file, served by Django after the caller checked who may see it (media is not public)."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    name = field_file.name.rsplit("/", 1)[-1]
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type, as_attachment=not inline, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, max_age=3600)
    return response
