from django.contrib import messages
from django.utils import translation
from django.utils.translation import gettext as _

from .sessions import session_touch


class UserLanguageMiddleware:
    """Serve a signed-in person in their preferred language (LocaleMiddleware covers visitors)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class SessionTimeoutMiddleware:
    """End a signed-in session after its idle timeout or its absolute lifetime (see sessions.py).

    The request then goes on anonymous: a page that needs a sign-in sends the person to the login
    page with ``next``, as for any visitor.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and session_touch(request):
            messages.info(request, _("Your session has expired: please sign in again."))
        return self.get_response(request)
