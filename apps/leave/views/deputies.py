"""Deputies: an approver (manager, director) names who decides in their place for a period."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.core import permissions as perms
from apps.leave import selectors, services
from apps.leave.forms import DeputyForm

from ._helpers import add_errors, bound

APPROVER_ROLES = (perms.MANAGER, perms.DIRECTOR, perms.OFFICE_MANAGER)


@require_http_methods(["GET", "POST"])
@perms.role_required(*APPROVER_ROLES)
def deputy_list(request: HttpRequest) -> HttpResponse:
    form = DeputyForm(*bound(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            row = services.deputy_create(
                person=form.person_or_self(),
                deputy=form.cleaned_data["deputy"],
                start=form.cleaned_data["start_date"],
                end=form.cleaned_data["end_date"],
                by=request.user,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(deputy)s will decide in place of %(person)s from %(start)s to %(end)s.")
                % {
                    "deputy": row.deputy,
                    "person": row.person,
                    "start": row.start_date.strftime("%d/%m/%Y"),
                    "end": row.end_date.strftime("%d/%m/%Y"),
                },
            )
            return redirect("leave:deputy_list")
    today = timezone.localdate()
    deputies = list(selectors.deputies_visible_to(request.user).filter(end_date__gte=today))
    return render(request, "leave/deputy_list.html", {"form": form, "deputies": deputies, "today": today})


@require_POST
@perms.role_required(*APPROVER_ROLES)
def deputy_delete(request: HttpRequest, pk: int) -> HttpResponse:
    row = perms.get_visible_or_404(selectors.deputies_visible_to(request.user), pk=pk)
    services.deputy_delete(deputy=row, by=request.user)
    messages.success(request, _("The deputy has been removed."))
    return redirect("leave:deputy_list")
