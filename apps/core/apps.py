from django.apps import AppConfig
from django.core import checks
from django.db import connections
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _

from apps.core import cache


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        checks.register(cache.check_shared_cache, checks.Tags.caches)
        # Every statement of every connection is seen by the read cache (apps/core/cache.py): the
        # tables a cached computation reads, the tables a committed write changes.
        connection_created.connect(cache.watch, dispatch_uid="officemgr-read-cache")
        for connection in connections.all(initialized_only=True):
            cache.watch(connection)
