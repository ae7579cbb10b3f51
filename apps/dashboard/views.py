from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from apps.core import permissions as perms
from apps.core import registry


@require_GET
@perms.role_required(perms.OFFICE_MANAGER)
def index(request: HttpRequest) -> HttpResponse:
    """The office manager's dashboard: every installed app's cards and the approvals waiting."""
    approvals = registry.pending_approvals(request.user)
    return render(
        request,
        "dashboard/index.html",
        {
            "cards": registry.dashboard_cards(request.user),
            "approvals": approvals[:5],
            "approvals_total": len(approvals),
        },
    )
