"""The registry's contract (apps/core/registry.py): every app's badge counts in one query, and the
hooks an app lists in CACHED_HOOKS kept in the read cache until a table they read is written to."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.cache import caches

from apps.accounts.models import Site, User
from apps.core import cache as read_cache
from apps.core import registry
from apps.core.registry import APPROVALS_BADGE, NOTIFICATIONS_BADGE, BadgeCount, Card

LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "registry-tests"}}


@pytest.fixture
def cache_on(settings):
    settings.CACHES = LOCMEM
    settings.READ_CACHE = True
    caches["default"].clear()
    read_cache.reset()
    yield
    read_cache.reset()


def _modules(monkeypatch, *modules):
    monkeypatch.setattr(registry, "_contribution_modules", lambda: modules)


def test_the_badges_of_every_app_are_one_query(org, monkeypatch, django_assert_num_queries):
    users = SimpleNamespace(badge_counts=lambda user: [BadgeCount(APPROVALS_BADGE, User.objects.filter(team=org.team))])
    sites = SimpleNamespace(
        badge_counts=lambda user: [
            BadgeCount(APPROVALS_BADGE, Site.objects.order_by("name")),
            BadgeCount(NOTIFICATIONS_BADGE, User.objects.filter(site=org.site).distinct()),
            BadgeCount(NOTIFICATIONS_BADGE, 2),
        ]
    )
    _modules(monkeypatch, users, sites)
    with django_assert_num_queries(1):
        counts = registry.badges(org.staff)
    assert counts == {
        APPROVALS_BADGE: User.objects.filter(team=org.team).count() + Site.objects.count(),
        NOTIFICATIONS_BADGE: User.objects.filter(site=org.site).count() + 2,
    }


def test_no_badge_counts_cost_no_query(org, monkeypatch, django_assert_num_queries):
    _modules(monkeypatch, SimpleNamespace(badge_counts=lambda user: []))
    with django_assert_num_queries(0):
        assert registry.badges(org.staff) == {APPROVALS_BADGE: 0, NOTIFICATIONS_BADGE: 0}


def _site_cards(user):
    return [Card(title=name, value=1) for name in Site.objects.order_by("name").values_list("name", flat=True)]


def test_a_cached_hook_is_kept_until_a_table_it_read_changes(
    org, cache_on, monkeypatch, django_assert_num_queries, django_capture_on_commit_callbacks
):
    _modules(
        monkeypatch,
        SimpleNamespace(
            __name__="apps.sites.contributions", CACHED_HOOKS=("dashboard_cards",), dashboard_cards=_site_cards
        ),
    )
    assert [c.title for c in registry.dashboard_cards(org.office_manager)] == ["Lyon"]
    with django_assert_num_queries(0):
        assert [c.title for c in registry.dashboard_cards(org.office_manager)] == ["Lyon"]
    with django_capture_on_commit_callbacks(execute=True):
        Site.objects.create(name="Metz", city="Metz")
    assert [c.title for c in registry.dashboard_cards(org.office_manager)] == ["Lyon", "Metz"]


def test_a_cached_hook_is_kept_per_viewer(org, cache_on, monkeypatch):
    _modules(
        monkeypatch,
        SimpleNamespace(
            __name__="apps.sites.contributions",
            CACHED_HOOKS=("dashboard_cards",),
            dashboard_cards=lambda user: [Card(user.email, 1)],
        ),
    )
    assert registry.dashboard_cards(org.office_manager)[0].title == org.office_manager.email
    assert registry.dashboard_cards(org.director)[0].title == org.director.email


def test_a_hook_not_listed_runs_every_time(org, cache_on, monkeypatch, django_assert_num_queries):
    _modules(monkeypatch, SimpleNamespace(dashboard_cards=_site_cards))
    registry.dashboard_cards(org.office_manager)
    with django_assert_num_queries(1):
        registry.dashboard_cards(org.office_manager)
