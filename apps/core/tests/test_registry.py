"""The registry's contract (apps/core/registry.py): every app's badge counts in one query, and the
hooks an app lists in CACHED_HOOKS kept in the read cache until a table they read is written to."""

from __future__ import annotations

from types import SimpleNamespace

from apps.accounts.models import Site, User
from apps.core import registry
from apps.core.registry import APPROVALS_BADGE, NOTIFICATIONS_BADGE, BadgeCount, Card


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


def test_a_cached_hook_is_kept_until_a_table_it_read_changes(org, commit, monkeypatch, django_assert_num_queries):
    _modules(
        monkeypatch,
        SimpleNamespace(
            __name__="apps.sites.contributions", CACHED_HOOKS=("dashboard_cards",), dashboard_cards=_site_cards
        ),
    )
    assert [c.title for c in registry.dashboard_cards(org.office_manager)] == ["Lyon"]
    with django_assert_num_queries(0):
        assert [c.title for c in registry.dashboard_cards(org.office_manager)] == ["Lyon"]
    with commit():
        Site.objects.create(name="Metz", city="Metz")
    assert [c.title for c in registry.dashboard_cards(org.office_manager)] == ["Lyon", "Metz"]


def test_a_cached_hook_is_kept_per_viewer(org, read_cache, monkeypatch):
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


def test_a_hook_not_listed_runs_every_time(org, read_cache, monkeypatch, django_assert_num_queries):
    _modules(monkeypatch, SimpleNamespace(dashboard_cards=_site_cards))
    registry.dashboard_cards(org.office_manager)
    with django_assert_num_queries(1):
        registry.dashboard_cards(org.office_manager)
