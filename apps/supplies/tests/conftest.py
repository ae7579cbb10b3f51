import pytest


@pytest.fixture
def staff_urls(settings):
    """The project's URLs with the request's detail page (a stand-in until this branch has it)."""
    settings.ROOT_URLCONF = "apps.supplies.tests.staff_urlconf"
