"""The office manager's supply settings: the two approval thresholds and where requests are picked up."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from apps.core import permissions as perms
from apps.supplies import services
from apps.supplies.forms.requests import SupplySettingsForm
from apps.supplies.models import SupplySettings


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.OFFICE_MANAGER)
def supply_settings(request: HttpRequest) -> HttpResponse:
    current = SupplySettings.current()
    initial = {
        "auto_approve_below": current.auto_approve_below,
        "director_above": current.director_above,
        "pickup_place": current.pickup_place,
    }
    form = SupplySettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.supply_settings_update(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in getattr(exc, "error_dict", {None: exc.error_list}).items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The supply settings have been saved."))
            return redirect("supplies:settings")
    return render(request, "supplies/settings/form.html", {"form": form, "settings_row": current})
