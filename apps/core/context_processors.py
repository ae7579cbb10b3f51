from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from apps.core import permissions as perms
from apps.core import registry


def layout(request):
    """What base.html and its navbar read on every page (the Jinja2 engine's only context processor).

    Each database-backed value is lazy: a page that never reads it (an HTMX partial, an e-mail, the
    413 page answered before the session is loaded) pays nothing.
    """
    user = getattr(request, "user", None) or AnonymousUser()
    context = {
        "user": user,
        # The storage is itself lazy: the session is read when the template iterates it.
        "messages": get_messages(request),
        "LANGUAGE_CODE": get_language(),
    }
    if user.is_authenticated:
        context.update(
            roles=SimpleLazyObject(lambda: {role: user.has_role(role) for role in perms.ROLES}),
            app_menu=SimpleLazyObject(lambda: registry.menu_entries(user)),
            inbox_count=SimpleLazyObject(lambda: registry.pending_approvals_count(user)),
            approves=SimpleLazyObject(lambda: registry.approves(user)),
            unread_notifications_count=SimpleLazyObject(lambda: registry.unread_notifications_count(user)),
        )
    return context
