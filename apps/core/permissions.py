"""Permission helpers every view uses, in one place.

- anonymous → redirect to the login page;
- signed in but the wrong role → 403 (PermissionDenied);
- another person's object → 404: views fetch through a selector scoped to the user, then
  ``get_visible_or_404``; nothing is fetched by primary key alone.

Roles: "staff" (every account), "manager" (derived: manages a team), "office_manager" and
"director" (groups), "admin" (superuser). The user model answers ``has_role``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django_htmx.http import HttpResponseClientRedirect

from apps.core.roles import ADMIN, DIRECTOR, MANAGER, OFFICE_MANAGER, ROLES, STAFF  # noqa: F401

M = TypeVar("M", bound=Model)


def has_any_role(user, roles: tuple[str, ...]) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return any(user.has_role(role) for role in roles)


def _to_login(request: HttpRequest) -> HttpResponse:
    htmx = getattr(request, "htmx", None)
    if htmx and htmx.current_url_abs_path:
        # An HTMX request (a session that timed out under an open page): the XHR would follow a
        # redirect and swap the login page into the fragment. Send the whole page there instead,
        # back to the page the person was on.
        return HttpResponseClientRedirect(redirect_to_login(htmx.current_url_abs_path).url)
    return redirect_to_login(request.get_full_path())


def role_required(*roles: str) -> Callable:
    """Decorate a view: anonymous users go to the login page, users without any of ``roles`` get 403.

    With no roles, any signed-in user passes.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            if not request.user.is_authenticated:
                return _to_login(request)
            if roles and not has_any_role(request.user, roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


login_required = role_required()


def get_visible_or_404(queryset: QuerySet[M], **lookup) -> M:
    """Fetch one object from an already user-scoped queryset; anything outside it is a 404."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
