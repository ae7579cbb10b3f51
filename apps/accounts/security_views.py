"""The sign-in security pages: the lockout answer, the throttled password reset, unlocking an account."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.core import permissions as perms

from . import selectors, services, throttle
from .forms import PasswordResetForm

TOO_MANY_REQUESTS = 429


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' lockout answer (AXES_LOCKOUT_CALLABLE): the login page saying why, with a 429.

    Used for the app's login and for the admin's: both authenticate through django-axes.
    """
    cooloff = settings.AXES_COOLOFF_TIME
    context = {
        "form": AuthenticationForm(request),
        "locked_out": True,
        "cooloff_minutes": int(cooloff.total_seconds() // 60) if cooloff else None,
        "next": request.POST.get(REDIRECT_FIELD_NAME, request.GET.get(REDIRECT_FIELD_NAME, "")),
    }
    return render(request, "accounts/login.html", context, status=TOO_MANY_REQUESTS)


@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    """Ask for a "choose a new password" link: throttled, and queued through the outbox."""
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if throttle.password_reset_allowed(request, email):
            services.user_password_reset_request(email=email)
            return redirect("accounts:password_reset_done")
        form.add_error(None, _("Too many requests for a new password: please try again in an hour."))
        return render(request, "accounts/password_reset.html", {"form": form}, status=TOO_MANY_REQUESTS)
    return render(request, "accounts/password_reset.html", {"form": form})


@require_POST
@perms.role_required(perms.OFFICE_MANAGER)
def user_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    person = perms.get_visible_or_404(selectors.users_visible_to(request.user), pk=pk)
    services.user_unlock(user=person)
    messages.success(request, _("%(name)s can sign in again.") % {"name": person})
    return redirect("accounts:user_edit", pk=person.pk)
