from django.utils.functional import SimpleLazyObject

from apps.core import permissions as perms
from apps.core import registry


def navigation(request):
    """What the layout needs on every page; computed only when a template reads it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "roles": SimpleLazyObject(lambda: {role: user.has_role(role) for role in perms.ROLES}),
        "app_menu": SimpleLazyObject(lambda: registry.menu_entries(user)),
        "inbox_count": SimpleLazyObject(lambda: registry.pending_approvals_count(user)),
    }
