from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.core import checks

        from apps.core import stamps

        checks.register(stamps.check_shared_cache, checks.Tags.caches)
        # Every write through Django's connections changes its app's data stamp (apps/core/stamps.py).
        connection_created.connect(stamps.watch, dispatch_uid="officemgr-data-stamps")
