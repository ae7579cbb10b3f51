"""Sign-in by e-mail address, whatever its case: people type ``Marie.Dupont@…`` as often as not."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user_model = get_user_model()
        if username is None:
            username = kwargs.get(user_model.USERNAME_FIELD)
        if not username or password is None:
            return None
        try:
            user = user_model._default_manager.get(email__iexact=username.strip())
        except user_model.DoesNotExist:
            # Hash anyway so an unknown address takes as long as a wrong password (no user enumeration).
            user_model().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id):
        # request.user comes with its roles in the same query (see UserManager.with_roles).
        user_model = get_user_model()
        try:
            user = user_model._default_manager.with_roles().get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
