"""Fixtures for the accounts tests."""

from unittest import mock

import pytest


@pytest.fixture
def notify_spy():
    """The notifications app's ``notify`` as the accounts services call it, recorded instead of sent."""
    with mock.patch("apps.accounts.services.notify") as spy:
        yield spy


@pytest.fixture
def office(org, client_for):
    """The office manager's client, in English so tests can read the messages whatever locale/ holds."""
    org.office_manager.language = "en"
    org.office_manager.save(update_fields=["language"])
    return client_for(org.office_manager)


@pytest.fixture(autouse=True)
def _fresh_throttle_cache(settings):
    """The password-reset counters live in the cache: each test starts from a fresh local one."""
    from django.core.cache import cache

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "accounts-tests"}
    }
    cache.clear()
