from django.utils.functional import SimpleLazyObject

from . import selectors


def unread(request):
    """The bell's unread count: one COUNT query, run only if a template reads it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications_count": SimpleLazyObject(lambda: selectors.unread_count(user))}
