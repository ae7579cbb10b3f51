"""The framework floor for the benchmark: the cheapest page the project can serve.

Routed only when ``settings.BENCHMARK_VIEWS`` is on (``make bench`` sets it). Each view goes
through the whole middleware stack, runs one ``SELECT 1`` and returns two bytes, so its
throughput is what Django, gunicorn and the database driver cost on this machine; every key
page is reported as a share of it.
"""

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from apps.core import permissions as perms


def _select_one() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


@require_GET
@perms.login_required
def floor(request: HttpRequest) -> HttpResponse:
    """Signed-in floor: session and user loaded by the middleware, one query, a few bytes."""
    _select_one()
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def floor_anonymous(request: HttpRequest) -> HttpResponse:
    """Anonymous floor, for reference: no session or user lookup."""
    _select_one()
    return HttpResponse("ok", content_type="text/plain")
