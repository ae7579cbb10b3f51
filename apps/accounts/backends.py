"""Sign-in by e-mail address, whatever its case: people type ``Marie.Dupont@…`` as often as not."""

from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.db import router

_PK_SENTINEL = 0


@cache
def _user_with_roles_sql(alias: str) -> str | None:
    """The SQL of ``with_roles().get(pk=…)``, compiled once per process and database.

    request.user is loaded on every request; compiling the two role subqueries costs more than
    running them, so the text is kept and only the primary key changes. None when the compiled
    query carries other parameters than the key (then the ORM path is used).
    """
    user_model = get_user_model()
    query = user_model._default_manager.db_manager(alias).with_roles().order_by().filter(pk=_PK_SENTINEL).query
    sql, params = query.get_compiler(using=alias).as_sql()
    return sql if list(params) == [_PK_SENTINEL] else None


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
            pk = user_model._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        alias = router.db_for_read(user_model)
        sql = _user_with_roles_sql(alias)
        if sql is None:
            user = user_model._default_manager.with_roles().filter(pk=pk).first()
        else:
            user = next(iter(user_model._default_manager.db_manager(alias).raw(sql, [pk])), None)
        if user is None:
            return None
        return user if self.user_can_authenticate(user) else None
