"""A cap on the size of a request body, checked before anything reads it.

``DATA_UPLOAD_MAX_MEMORY_SIZE`` leaves out uploaded files: without this cap a 60 MB (or 6 GB) upload
is read and written to a temporary file before any form says it is too large. The largest legitimate
request is a 10 MB check report plus its form, so ``MAX_REQUEST_BYTES`` (12 MB by default) is refused.

- ``RequestSizeLimitMiddleware`` answers 413 with a page saying so as soon as the declared
  ``Content-Length`` is over the cap, before the CSRF check or a view reads the body.
- ``RequestSizeLimitUploadHandler`` (first in ``FILE_UPLOAD_HANDLERS``) refuses a multipart body
  over the cap when the parser starts (for a request that skipped the middleware) and stops one
  that receives more than the cap, before the next handler writes another chunk to disk. Its
  error is Django's ``RequestDataTooBig``, answered 400 (never a 500).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler
from django.shortcuts import render


class RequestTooLarge(RequestDataTooBig):
    pass


def _limit() -> int:
    return settings.MAX_REQUEST_BYTES


def _too_large(request):
    return render(request, "413.html", {"limit_mb": _limit() // (1024 * 1024)}, status=413)


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > _limit():
            return _too_large(request)
        return self.get_response(request)


class RequestSizeLimitUploadHandler(FileUploadHandler):
    """Counts the bytes of every uploaded file in the request; stops the parsing over the cap."""

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > _limit():
            raise RequestTooLarge("The request body is over MAX_REQUEST_BYTES.")
        return None

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > _limit():
            raise RequestTooLarge("The uploaded files are over MAX_REQUEST_BYTES.")
        return raw_data

    def file_complete(self, file_size):
        return None
