from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy as _

from .sessions import session_start


def _start_session_clocks(sender, request, user, **kwargs):
    # Django renews the session key at sign-in; this starts its idle and absolute clocks.
    if request is not None and hasattr(request, "session"):
        session_start(request.session)


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        user_logged_in.connect(_start_session_clocks, dispatch_uid="accounts_start_session_clocks")
