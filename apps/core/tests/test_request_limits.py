"""A request body over MAX_REQUEST_BYTES is refused before it is read: a 413 page, nothing saved."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http.multipartparser import MultiPartParser
from django.test import RequestFactory
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from apps.core.request_limits import RequestSizeLimitMiddleware, RequestSizeLimitUploadHandler, RequestTooLarge
from apps.premises.models import Ticket


class UnreadableInput(io.RawIOBase):
    """A body nobody may read: the test fails if the middleware reads it."""

    def read(self, *args):
        raise AssertionError("the request body was read")

    readline = read


def test_a_60_mb_request_is_answered_413_without_reading_its_body(settings):
    request = RequestFactory().post("/premises/tickets/new/", data=b"", content_type="application/octet-stream")
    request.META["CONTENT_LENGTH"] = str(60 * 1024 * 1024)
    request.META["wsgi.input"] = UnreadableInput()
    request._stream = UnreadableInput()
    response = RequestSizeLimitMiddleware(lambda r: pytest.fail("the view ran"))(request)
    assert response.status_code == 413
    assert "too large" in response.content.decode()
    assert "12 MB" in response.content.decode()


def test_an_upload_over_the_cap_through_the_form_is_a_413_page_and_nothing_is_saved(org, client_for):
    data = {
        "site": org.site.pk,
        "place": "Kitchen",
        "category": "plumbing",
        "urgency": "high",
        "description": "The tap leaks.",
        "photo": SimpleUploadedFile("leak.jpg", b"\xff\xd8\xff" + b"\0" * (13 * 1024 * 1024)),
    }
    response = client_for(org.staff).post(reverse("premises:ticket_new"), data)
    assert response.status_code == 413
    assert "The file is too large" in response.content.decode()
    assert not Ticket.objects.exists()


def test_a_request_under_the_cap_goes_through(org, client_for):
    response = client_for(org.staff).post(reverse("premises:ticket_new"), {"description": "x"})
    assert response.status_code == 200  # the form's own errors


def _parser(body: bytes, content_length: int):
    meta = {"CONTENT_TYPE": MULTIPART_CONTENT, "CONTENT_LENGTH": str(content_length)}
    return MultiPartParser(meta, io.BytesIO(body), [RequestSizeLimitUploadHandler()], "utf-8")


def test_the_upload_handler_stops_a_body_whose_files_pass_the_cap(settings):
    settings.MAX_REQUEST_BYTES = 4000
    body = encode_multipart(BOUNDARY, {"file": SimpleUploadedFile("a.bin", b"x" * 5000)})
    with pytest.raises(RequestTooLarge):
        _parser(body, content_length=len(body)).parse()
    settings.MAX_REQUEST_BYTES = 100_000
    _post, files = _parser(body, content_length=len(body)).parse()
    assert files == {}  # under the cap the handler lets the chunks through to the next handler


def test_the_upload_handler_refuses_a_declared_length_over_the_cap(settings):
    settings.MAX_REQUEST_BYTES = 1000
    body = encode_multipart(BOUNDARY, {"name": "x"})
    with pytest.raises(RequestTooLarge):
        _parser(body, content_length=2000).parse()
