"""Every supplies URL of the authorisation matrix's world, opened and posted to by each role with
hostile parameters (huge pages, days at the ends of the calendar, odd numbers, NUL bytes, huge text),
never answers a server error."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
import zoneinfo

import pytest
import time_machine
from django.test import Client

from apps.core.tests import authz_matrix as spec
from apps.core.tests.authz_world import build_world
from apps.core.tests.test_authorization_matrix import drained, url_of

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
ROLES = ("staff", "office", "director")
SUPPLIES = [case for case in spec.CASES if case.name.startswith("supplies:")]

HOSTILE = [
    "1e5",
    "١٢",
    " 3 ",
    "-0",
    "-1",
    "1,5",
    "NaN",
    "Infinity",
    "9" * 40,
    "0001-01-01",
    "9999-12-31",
    "a\x00b",
    "x" * 20_000,
]
GET_PARAMS = [
    "page",
    "q",
    "category",
    "site",
    "tab",
    "awaiting",
    "state",
    "kind",
    "holder",
    "warranty",
    "status",
    "on",
    "format",
    "ids",
    "rows",
    "errors",
    "token",
    "next",
]
FIELDS = [
    "quantity",
    "note",
    "reason",
    "reorder_threshold",
    "reorder_quantity",
    "token",
    "name",
    "category",
    "unit",
    "supplier_reference",
    "description",
    "unit_price",
    "vat_rate",
    "is_active",
    "asset_tag",
    "kind",
    "model",
    "serial_number",
    "supplier",
    "purchase_date",
    "purchase_price",
    "warranty_end",
    "state",
    "site",
    "person",
    "urgency",
    "action",
    "lines",
    "item",
    "needed_by",
    "remove",
    "remove_free",
    "free-description",
    "free-unit_price",
    "free-quantity",
    "free-link",
    "confirm",
    "auto_approve_below",
    "director_above",
    "pickup_place",
    "lines-TOTAL_FORMS",
    "lines-INITIAL_FORMS",
    "lines-0-item",
    "lines-0-quantity",
    "lines-0-description",
    "lines-0-unit_price",
    "lines-0-link",
    "next",
]


def _details(o) -> dict:
    return {"reason": "Réassort", "needed_by": "2026-03-20", "site": o["site"].pk, "token": str(uuid.uuid4())}


# Valid posts of a staff member (the matrix's POST_DATA are the office manager's).
STAFF_POSTS = {
    "supplies:basket_add": lambda o: {"item": o["catalogue_item"].pk, "quantity": "2", "next": "/supplies/"},
    "supplies:basket_update": lambda o: {
        "action": "add_free",
        "free-description": "Lampe",
        "free-unit_price": "12,50",
        "free-quantity": "1",
        "free-link": "https://example.com/lampe",
    },
    "supplies:request_submit": lambda o: {**_details(o), f"item_{o['catalogue_item'].pk}": "2"},
    "supplies:equipment_request": lambda o: {
        **_details(o),
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-0-description": "Écran 27 pouces",
        "lines-0-unit_price": "180",
        "lines-0-quantity": "1",
        "lines-0-link": "",
    },
    "supplies:equipment_report": lambda o: {"description": "L'écran clignote", "urgency": "normal"},
}


@pytest.fixture(autouse=True)
def _quiet_refusals():
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)


@pytest.fixture
def world(org, settings):
    settings.ROOT_URLCONF = "apps.core.tests.bench_urlconf"
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=PARIS), tick=False):
        yield build_world(org)


def _clients(viewers):
    clients = {}
    for role in ROLES:
        client = Client(raise_request_exception=True)
        client.force_login(viewers[role])
        clients[role] = client
    return clients


def _hostile_data(value: str, objects: dict) -> dict:
    data = dict.fromkeys(FIELDS, value)
    data[f"counted_{objects['stock_item'].pk}"] = value
    data[f"item_{objects['catalogue_item'].pk}"] = value
    data["free_0"] = value
    return data


def _status(call) -> int | str:
    try:
        return drained(call()).status_code
    except Exception as exc:  # collected, reported at the end
        return f"{type(exc).__name__}: {str(exc)[:120]}"


def test_no_hostile_parameter_or_form_makes_a_server_error(world):
    viewers, objects = world
    clients = _clients(viewers)
    failures = []

    def check(method: str, url: str, role: str, value: str, call) -> None:
        status = _status(call)
        if not isinstance(status, int) or status >= 500:
            failures.append(f"{method} {url} as {role} with {value[:12]!r}: {status}")

    for case in SUPPLIES:
        url = url_of(case, objects)
        for value in HOSTILE:
            query, data = dict.fromkeys(GET_PARAMS, value), _hostile_data(value, objects)
            for role, client in clients.items():
                check("GET", url, role, value, lambda c=client, u=url, q=query: c.get(u, q))
                check("POST", url, role, value, lambda c=client, u=url, d=data: c.post(u, d))
                check("HX POST", url, role, value, lambda c=client, u=url, d=data: c.post(u, d, HTTP_HX_REQUEST="true"))
    assert not failures, f"{len(failures)} server errors:\n" + "\n".join(sorted(set(failures)))


def test_one_hostile_field_in_an_otherwise_valid_form_makes_no_server_error(world):
    """The office manager's valid posts of the matrix, one field at a time made hostile: the value
    passes the other fields' checks and reaches the service."""
    viewers, objects = world
    clients = _clients(viewers)
    failures = []
    for case in SUPPLIES:
        url = url_of(case, objects)
        tries = [("office", spec.post_data(case, objects))]
        if case.name in STAFF_POSTS:
            tries.append(("staff", STAFF_POSTS[case.name](objects)))
        for role, base in tries:
            for name in base:
                for value in HOSTILE:
                    data = {**base, name: value}
                    status = _status(lambda c=clients[role], u=url, d=data: c.post(u, d))
                    if not isinstance(status, int) or status >= 500:
                        failures.append(f"POST {url} as {role} {name}={value[:12]!r}: {status}")
    assert not failures, f"{len(failures)} server errors:\n" + "\n".join(sorted(set(failures)))
