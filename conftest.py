"""Fixtures shared by every app's tests: the four roles in a small organisation."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches

from apps.accounts.models import DIRECTOR_GROUP, OFFICE_MANAGER_GROUP
from apps.accounts.tests.factories import SiteFactory, TeamFactory, UserFactory
from apps.core import cache as kept_reads


@pytest.fixture(autouse=True, scope="session")
def _jinja2_renders_signal():
    """Jinja2 renders send Django's ``template_rendered`` signal, as the test runner makes the Django
    template language do (django.test.utils.instrumented_test_render): the test client then fills
    ``response.templates`` and ``response.context``, and ``assertTemplateUsed`` works.

    The context sent is the one the template sees (view context, request, CSRF, the layout context
    processor's values), in a ``Context`` so that ``response.context`` behaves as with DTL.
    Only the template a view renders sends it, not the templates it includes or imports.
    """
    from django.template import Context
    from django.template.backends import jinja2 as backend
    from django.template.backends.utils import csrf_input_lazy, csrf_token_lazy
    from django.test.signals import template_rendered

    original = backend.Template.render

    def render(self, context=None, request=None):
        # What Django's backend does before rendering (Template.render, Django 5.2), then the signal;
        # the original render is given the finished context and no request, so it adds nothing.
        context = {} if context is None else context
        if request is not None:
            context["request"] = request
            context["csrf_input"] = csrf_input_lazy(request)
            context["csrf_token"] = csrf_token_lazy(request)
            for context_processor in self.backend.template_context_processors:
                context.update(context_processor(request))
        template_rendered.send(sender=self, template=self.template, context=Context(context))
        return original(self, context)

    backend.Template.render = render
    yield
    backend.Template.render = original


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _english_messages(settings):
    """Assertions read English messages whatever the French catalogue holds.

    The product's default stays French (settings.LANGUAGE_CODE); tests that check the French
    rendering say so (a French user, or translation.override("fr")).
    """
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def _no_read_cache(settings):
    """Reads are not cached across requests in tests (CI sets REDIS_URL, which turns it on): a test's
    writes never commit unless it says so. The ``read_cache`` fixture turns it on."""
    settings.READ_CACHE = False


@pytest.fixture
def read_cache(settings):
    """Reads cached across requests as in production (apps/core/cache.py), on a fresh local-memory
    cache. Commit the writes whose effect a test checks with ``commit`` (their bumps wait for a commit)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "reads"}}
    settings.READ_CACHE = True
    caches["default"].clear()
    kept_reads.reset()
    yield
    kept_reads.reset()


@pytest.fixture
def commit(read_cache, django_capture_on_commit_callbacks):
    """``with commit(): ...``: the writes inside are committed as far as the read cache can tell (their
    on-commit bumps run at the end of the block; a test's own transaction never commits)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _eager_tasks(request, monkeypatch):
    """Tasks run eagerly in tests even where a broker is configured (CI sets REDIS_URL).

    Only the tests marked ``worker`` talk to a real broker and a real worker.
    """
    from officemgr.celery import app as celery_app

    if request.node.get_closest_marker("worker") is None:
        monkeypatch.setitem(celery_app.conf, "task_always_eager", True)


@pytest.fixture
def org(db):
    """A site, two teams with their managers, staff in each, an office manager and a director."""
    site = SiteFactory(name="Lyon", city="Lyon")
    team = TeamFactory(name="Sales", site=site)
    other_team = TeamFactory(name="Finance", site=site)
    director = UserFactory(email="director@test.fr", site=site)
    # get_or_create: a transactional test before this one may have flushed the data-migration rows.
    director.groups.add(Group.objects.get_or_create(name=DIRECTOR_GROUP)[0])
    manager = UserFactory(email="manager@test.fr", site=site, team=team)
    team.manager = manager
    team.save(update_fields=["manager"])
    other_manager = UserFactory(email="other.manager@test.fr", site=site, team=other_team)
    other_team.manager = other_manager
    other_team.save(update_fields=["manager"])
    staff = UserFactory(email="staff@test.fr", site=site, team=team)
    colleague = UserFactory(email="colleague@test.fr", site=site, team=team)
    outsider = UserFactory(email="outsider@test.fr", site=site, team=other_team)
    office_manager = UserFactory(email="office@test.fr", site=site, team=other_team)
    office_manager.groups.add(Group.objects.get_or_create(name=OFFICE_MANAGER_GROUP)[0])
    return SimpleNamespace(
        site=site,
        team=team,
        other_team=other_team,
        director=director,
        manager=manager,
        other_manager=other_manager,
        staff=staff,
        colleague=colleague,
        outsider=outsider,
        office_manager=office_manager,
    )


@pytest.fixture
def client_for(client):
    """``client_for(user)``: the test client signed in as ``user``."""

    def _client_for(user):
        client.force_login(user)
        return client

    return _client_for


# Browser tests: Debian's chromium, never a downloaded browser.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


def pytest_collection_modifyitems(config, items):
    import os

    if os.path.exists(CHROMIUM) or os.environ.get("CI"):
        return  # in CI a missing browser must fail, not skip
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install chromium); CI installs it")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)
