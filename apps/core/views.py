import datetime as dt

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from apps.core import permissions as perms
from apps.core import registry
from apps.core.health import broker_status

UPCOMING_DAYS = 14


@require_GET
@perms.login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each role to its home: office manager → dashboard, director → agenda, others → my space."""
    if request.user.has_role(perms.OFFICE_MANAGER):
        return redirect("dashboard:index")
    if request.user.has_role(perms.DIRECTOR):
        return redirect("agenda:index")
    return redirect("core:my_space")


@require_GET
@perms.login_required
def my_space(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    last_day = today + dt.timedelta(days=UPCOMING_DAYS - 1)
    upcoming = registry.agenda_by_day(registry.agenda_items(request.user, today, last_day), today, last_day)
    return render(
        request,
        "core/my_space.html",
        {
            "cards": registry.my_space_cards(request.user),
            "upcoming": upcoming,
            "upcoming_days": UPCOMING_DAYS,
        },
    )


@require_GET
@perms.login_required
def inbox(request: HttpRequest) -> HttpResponse:
    return render(request, "core/inbox.html", {"approvals": registry.pending_approvals(request.user)})


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For a load balancer: 200 when the database and the broker are usable, 503 otherwise.

    Anyone gets only up or down; the details (database vendor, broker mode, error class) tell an
    attacker what runs behind, so only a signed-in office manager or administrator sees them.
    """
    checks: dict[str, dict] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = {"ok": True, "vendor": connection.vendor}
    except Exception as exc:  # any failure means "not usable"; the reason is reported
        checks["database"] = {"ok": False, "error": exc.__class__.__name__}
    checks["broker"] = broker_status()
    ok = all(check["ok"] for check in checks.values())
    body: dict = {"status": "ok" if ok else "down"}
    if request.user.is_authenticated and perms.has_any_role(request.user, (perms.OFFICE_MANAGER, perms.ADMIN)):
        body.update(checks)
    return JsonResponse(body, status=200 if ok else 503)
