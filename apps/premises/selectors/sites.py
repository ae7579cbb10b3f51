"""Which site a premises page shows, and its booking rules."""

from __future__ import annotations

from apps.accounts.models import Site
from apps.accounts.selectors import sites_for
from apps.core import cache as read_cache
from apps.premises.models import SitePremisesSettings


def visible_sites(user) -> list[Site]:
    """The sites the user may pick in the premises pages (``sites_for``: active ones; all for an office
    manager), each with its booking rules for ``site_rules``: one query (every premises page reads them),
    kept in the read cache for everyone with the same roles."""
    return read_cache.cached(
        ("premises.visible_sites", read_cache.viewer_class_key(user)),
        lambda: list(sites_for(user).select_related("premises_settings")),
    )


def site_rules(site: Site) -> SitePremisesSettings:
    """``SitePremisesSettings.for_site(site)``, without a query for a site of ``visible_sites``."""
    if not Site.premises_settings.is_cached(site):
        return SitePremisesSettings.for_site(site)
    try:
        return site.premises_settings
    except SitePremisesSettings.DoesNotExist:
        return SitePremisesSettings(site=site)


def default_site(user, sites: list[Site]) -> Site | None:
    """The user's own site when it is active, else the head office, else the first site."""
    active = [s for s in sites if s.is_active] or sites
    for site in active:
        if site.pk == user.site_id:
            return site
    for site in active:
        if site.is_head_office:
            return site
    return active[0] if active else None


def pick_site(user, sites: list[Site], wanted) -> Site | None:
    """``wanted`` (an id from the query string) if the user may see it, else the default site."""
    try:
        wanted_id = int(wanted)
    except (TypeError, ValueError):
        return default_site(user, sites)
    return next((s for s in sites if s.pk == wanted_id), None) or default_site(user, sites)
