"""The office manager's quote and invoice settings page (anyone else: 403)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from apps.core import permissions as perms
from apps.quotes.forms.settings import QuoteSettingsForm
from apps.quotes.models import QuoteSettings
from apps.quotes.services import settings as services
from apps.quotes.views.clients import add_errors


@require_http_methods(["GET", "POST"])
@perms.role_required(perms.OFFICE_MANAGER)
def quote_settings(request: HttpRequest) -> HttpResponse:
    current = QuoteSettings.current()
    form = QuoteSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.quote_settings_update(by=request.user, **form.settings_fields())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The quote and invoice settings have been saved."))
            return redirect("quotes:settings")
    return render(request, "quotes/settings.html", {"form": form, "settings_row": current})
