from django.apps import AppConfig
from django.db import connections
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.core import checks

        from apps.core import cache, stamps

        # One warning for both caches while the pages move from stamps.py to cache.py.
        checks.register(cache.check_shared_cache, checks.Tags.caches)
        # Every write through Django's connections changes its app's data stamp (apps/core/stamps.py).
        connection_created.connect(stamps.watch, dispatch_uid="officemgr-data-stamps")
        # Every statement of every connection is seen by the read cache (apps/core/cache.py): the
        # tables a cached computation reads, the tables a committed write changes.
        connection_created.connect(cache.watch, dispatch_uid="officemgr-read-cache")
        for connection in connections.all(initialized_only=True):
            cache.watch(connection)
