"""Every URL of the project, opened as seven roles, answers what ``authz_matrix.py`` declares.

- The URL patterns come from the resolver (includes followed), so a new page is covered the day it
  is added: an undeclared pattern fails ``test_every_url_is_declared`` with the line to add.
- GET: each declared case is opened by anonymous, staff, outsider (staff of another team), manager,
  office manager, director and superuser, path parameters filled with real objects
  (``authz_world.py``) that belong to the viewer or to someone else.
- POST: every role a case refuses on GET (login, 403, 404) posts to it too, and every role a
  POST-only endpoint refuses (``POSTS``) posts to it, with a valid CSRF token
  (``Client(enforce_csrf_checks=True)``); the answer must be the refusal and a fingerprint of the
  whole database (each model's row count and a hash of its rows) must not change.
- Admin: the index and every registered model's changelist (and add form, posted) are for
  superusers only; everyone else is sent to the admin login.

Every mismatch is collected and reported at the end, one line each
("GET /leave/requests/12/ as director: expected 404, got 200").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
import zoneinfo
from collections import Counter
from urllib.parse import urlsplit

import pytest
import time_machine
from django.apps import apps
from django.contrib import admin
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from apps.core.tests import authz_matrix as spec
from apps.core.tests.authz_world import build_world

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
CSRF_REFUSED = 419  # the CSRF failure view below: tells a bad test token from a real 403
# Rows that change on any request without being the request's doing.
NOT_FINGERPRINTED = {"sessions.Session"}
NOT_FINGERPRINTED_APPS = {"axes"}  # failed-login records (django-axes), if installed


def csrf_failure(request, reason=""):
    return HttpResponse(f"CSRF refused: {reason}", status=CSRF_REFUSED)


@pytest.fixture(autouse=True)
def _quiet_refusals():
    """Hundreds of 403/404/405 are the point here: their warnings would bury a failure's report
    (a 500 is still logged, as an error)."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


@pytest.fixture
def matrix_settings(settings):
    # The bench routes exist only with BENCHMARK_VIEWS; the matrix covers them too.
    settings.ROOT_URLCONF = "apps.core.tests.bench_urlconf"
    settings.CSRF_FAILURE_VIEW = f"{__name__}.csrf_failure"
    return settings


@pytest.fixture
def world(org, matrix_settings):
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=PARIS), tick=False):
        viewers, objects = build_world(org)
        yield viewers, objects


# --- URL patterns --------------------------------------------------------------------------------


def url_patterns(resolver=None, prefix: str = "", namespace: str = ""):
    """(key, route, namespace) of every pattern, includes followed; key is ``namespace:name``, or
    the route for a pattern without a name."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace]))
            yield from url_patterns(entry, route, inner)
        elif isinstance(entry, URLPattern):
            key = ":".join(filter(None, [namespace, entry.name])) if entry.name else route
            yield key, route, namespace


def project_patterns() -> dict[str, str]:
    """Every pattern but the Django admin's (declared as a group: ``test_admin_is_for_superusers_only``)."""
    return {key: route for key, route, namespace in url_patterns() if namespace.split(":")[0] != spec.ADMIN_NAMESPACE}


# --- answers -------------------------------------------------------------------------------------


def answer_of(response) -> str:
    """The response in the matrix's shorthand: "login", "admin-login", or the status code."""
    if response.status_code == 302:
        path = urlsplit(response["Location"]).path
        if path == reverse("accounts:login"):
            return spec.LOGIN
        if path == reverse("admin:login"):
            return spec.ADMIN_LOGIN
    return str(response.status_code)


def matches(expected: str, got: str) -> bool:
    return got in expected.split("|")


def fingerprint() -> dict[str, tuple[int, str]]:
    """Each model's row count and a hash of all its rows: cheap, and any write shows."""
    prints = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label
        if label in NOT_FINGERPRINTED or model._meta.app_label in NOT_FINGERPRINTED_APPS:
            continue
        rows = list(model._base_manager.order_by("pk").values_list())
        prints[label] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return prints


def changed_models(before: dict, after: dict) -> list[str]:
    return sorted(label for label in after if before.get(label) != after[label])


def drained(response):
    """A file download read to its end, which closes the file the way the test client does (calling
    ``close()`` again would fire request_finished and close the test's PostgreSQL connection)."""
    if response.streaming:
        b"".join(response.streaming_content)
    return response


class Clients:
    """One client per role, CSRF enforced, signed in once; each holds a CSRF token from a real page."""

    def __init__(self, viewers):
        self.by_role = {}
        for role, user in viewers.items():
            client = Client(enforce_csrf_checks=True)
            client.get(reverse("accounts:login"))  # the login form sets the csrftoken cookie
            if user is not None:
                client.force_login(user)
            self.by_role[role] = client

    def get(self, role, url):
        return drained(self.by_role[role].get(url))

    def post(self, role, url, data=None, **extra):
        client = self.by_role[role]
        token = client.cookies["csrftoken"].value
        return drained(client.post(url, data or {}, HTTP_X_CSRFTOKEN=token, **extra))


def url_of(case: spec.Case, objects: dict) -> str:
    kwargs = {}
    for param, name in case.params.items():
        value = objects[name]
        value = value() if callable(value) else value  # made when used (a reset token)
        kwargs[param] = value if isinstance(value, str) else value.pk
    return reverse(case.name, kwargs=kwargs) + case.query


# --- tests ---------------------------------------------------------------------------------------


def test_every_url_is_declared(matrix_settings):
    patterns = project_patterns()
    declared = {case.name for case in spec.CASES}
    problems = []
    for key, route in sorted(patterns.items()):
        if key not in declared:
            problems.append(
                f"URL pattern {key!r} (/{route}) is not declared in apps/core/tests/authz_matrix.py. "
                f"Add a line to MATRIX giving the GET answer of each role "
                f"({' '.join(spec.ROLES)}), e.g.\n"
                f'    "{key}{spec.example_params(route)}": "login 403 403 403 200 403 403",\n'
                f"  (objects for path parameters: authz_world.py; POST-only endpoints also go in POSTS)"
            )
    for name in sorted(declared - patterns.keys()):
        problems.append(f"MATRIX declares {name!r}, which no URL pattern has any more: remove or rename it.")
    for case in spec.CASES:
        if case.name in patterns and set(case.params) != set(spec.route_params(patterns[case.name])):
            problems.append(f"{case.key!r}: the route /{patterns[case.name]} takes other parameters.")
    for case in spec.CASES:
        if set(case.answers) == {"405"} and case.key not in spec.POSTS:
            problems.append(f"{case.key!r} takes only POST: say in POSTS which roles are refused and how.")
    for key in spec.POSTS:
        if spec.parse_key(key).name not in declared:
            problems.append(f"POSTS declares {key!r}, which MATRIX does not: declare its GET answers too.")
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_get_answers_match_the_matrix(world, capsys):
    viewers, objects = world
    clients = Clients(viewers)
    mismatches, observed, checks = [], [], 0
    started = time.monotonic()
    for case in spec.CASES:
        url = url_of(case, objects)
        answers = []
        for role, expected in zip(spec.ROLES, case.answers, strict=True):
            got = answer_of(clients.get(role, url))
            answers.append(got)
            checks += 1
            if not matches(expected, got):
                mismatches.append(f"GET {url} ({case.key}) as {role}: expected {expected}, got {got}")
        if answers != list(case.answers):
            observed.append(f'    "{case.key}": "{" ".join(answers)}",')
    with capsys.disabled():
        patterns = len(project_patterns())
        print(
            f"\nauthorisation matrix: {patterns} URL patterns in {len(spec.CASES)} cases × {len(spec.ROLES)} roles"
            f" = {checks} GET checks in {time.monotonic() - started:.1f} s"
        )
    assert not mismatches, (
        f"{len(mismatches)} GET answers differ from the matrix:\n"
        + "\n".join(mismatches)
        + "\n\nToday's answers of those lines (fix the app, or the matrix if the app is right):\n"
        + "\n".join(observed)
    )


@pytest.mark.django_db
def test_refused_posts_change_nothing(world, capsys):
    viewers, objects = world
    clients = Clients(viewers)
    # The token the clients send is a valid one: a POST every signed-in person may make gets through.
    # The fingerprint sees a write: staff had an unread notification.
    before = fingerprint()
    control = clients.post("staff", reverse("notifications:mark_all_read"))
    assert control.status_code == 302, f"the control POST was refused ({control.status_code}): bad CSRF token?"
    assert changed_models(before, fingerprint()) == ["notifications.Notification"]

    mismatches, tried = [], Counter()
    started = time.monotonic()
    before = fingerprint()
    for case, role, expected in spec.post_attempts():
        url = url_of(case, objects)
        got = answer_of(clients.post(role, url, spec.post_data(case, objects)))
        tried[role] += 1
        after = fingerprint()
        if got == str(CSRF_REFUSED):
            mismatches.append(f"POST {url} ({case.key}) as {role}: refused by the CSRF check, so it proves nothing")
        elif not matches(expected, got):
            mismatches.append(f"POST {url} ({case.key}) as {role}: expected {expected}, got {got}")
        if after != before:
            changed = ", ".join(changed_models(before, after))
            mismatches.append(f"POST {url} ({case.key}) as {role} changed the database ({changed}); answer {got}")
            before = after
    with capsys.disabled():
        print(
            f"\nauthorisation matrix: {sum(tried.values())} refused POSTs ({dict(tried)}), database unchanged"
            f" after each, in {time.monotonic() - started:.1f} s"
        )
    assert not mismatches, f"{len(mismatches)} POSTs were not refused cleanly:\n" + "\n".join(mismatches)


@pytest.mark.django_db
def test_admin_is_for_superusers_only(world, capsys):
    viewers, _objects = world
    clients = Clients(viewers)
    urls = [reverse("admin:index")] + [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist") for model in admin.site._registry
    ]
    add_urls = [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add") for model in admin.site._registry
    ]
    mismatches, checks = [], 0
    before = fingerprint()
    for role in spec.ROLES:
        expected = spec.ADMIN_ANSWERS[role]
        for url in urls:
            got = answer_of(clients.get(role, url))
            checks += 1
            if not matches(expected, got):
                mismatches.append(f"GET {url} as {role}: expected {expected}, got {got}")
        if role == "admin":
            continue
        for url in add_urls:
            got = answer_of(clients.post(role, url, {}))
            checks += 1
            if got != spec.ADMIN_LOGIN:
                mismatches.append(f"POST {url} as {role}: expected {spec.ADMIN_LOGIN}, got {got}")
    after = fingerprint()
    if after != before:
        mismatches.append(f"admin requests by non-superusers changed the database: {changed_models(before, after)}")
    with capsys.disabled():
        print(f"\nauthorisation matrix: admin group, {len(urls)} pages × {len(spec.ROLES)} roles = {checks} checks")
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.django_db
def test_post_data_would_write(world):
    """The data refused roles post is a real write when the office manager posts it: were a view's
    check removed, the refused POST would change the database and the matrix would say so."""
    viewers, objects = world
    clients = Clients(viewers)
    cases = {case.key: case for case in spec.CASES}
    failures = []
    for key in spec.POST_DATA:
        for case in [cases[key]] if key in cases else [c for c in spec.CASES if c.name == key]:
            url = url_of(case, objects)
            before = fingerprint()
            response = clients.post("office", url, spec.post_data(case, objects))
            if response.status_code != 302 or fingerprint() == before:
                failures.append(f"POST {url} ({case.key}) as office: {response.status_code}, nothing written")
    assert not failures, "POST_DATA entries that write nothing:\n" + "\n".join(failures)
