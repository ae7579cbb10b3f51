"""'My requests' kept in the read cache: what changes shows at the next request, each person's own rows."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.supplies.services import request_decide
from apps.supplies.tests._staff import free_line, submit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("read_cache")]

MINE = reverse("supplies:my_requests")


def _shown(client) -> str:
    return client.get(MINE).content.decode()


def _numbers(html: str) -> list[int]:
    return [int(number) for number in re.findall(r">Request #(\d+)</a>", html)]


def test_a_repeat_visit_reads_no_request_from_the_database(org, client_for, commit):
    with commit():
        submit(org.staff, lines=[free_line(description="Agrafeuse")])
    client = client_for(org.staff)
    _shown(client)
    with CaptureQueriesContext(connection) as repeat:
        html = _shown(client)
    assert "Agrafeuse × 1" in html
    assert not [query for query in repeat.captured_queries if "supplies_" in query["sql"]]


def test_a_new_request_shows_at_the_next_visit(org, client_for, commit):
    with commit():
        first = submit(org.staff, lines=[free_line(description="Agrafeuse")])
    client = client_for(org.staff)
    assert _numbers(_shown(client)) == [first.pk]
    with commit():
        second = submit(org.staff, lines=[free_line(description="Classeurs à levier", quantity=4)])
    html = _shown(client)
    assert _numbers(html) == [second.pk, first.pk]
    assert "Classeurs à levier × 4" in html
    assert "2 requests" in html


def test_a_decision_shows_at_the_next_visit(org, client_for, commit):
    with commit():
        request = submit(
            org.staff, lines=[free_line(description="Agrafeuse"), free_line(description="Trombones", quantity=3)]
        )
    client = client_for(org.staff)
    html = _shown(client)
    assert "Waiting for the office manager" in html
    assert "(refused)" not in html
    assert html.count('data-testid="cancel"') == 1
    kept_line = request.lines.get(description="Agrafeuse")
    with commit():
        request_decide(request=request, by=org.office_manager, approved_line_ids=[kept_line.pk])
    html = _shown(client)
    assert "Waiting for the office manager" not in html
    assert "Partly approved" in html
    assert "Agrafeuse × 1, Trombones × 3 (refused)" in html


def test_a_refusal_and_its_reason_show_at_the_next_visit(org, client_for, commit):
    with commit():
        request = submit(org.staff, lines=[free_line(description="Fauteuil")])
    client = client_for(org.staff)
    assert "Waiting for the office manager" in _shown(client)
    with commit():
        request_decide(request=request, by=org.office_manager, approved_line_ids=[], refusal_reason="Déjà prévu")
    html = _shown(client)
    assert "Refused" in html
    assert "Reason: Déjà prévu" in html
    assert 'data-testid="cancel"' not in html


def test_a_cancel_shows_at_the_next_visit(org, client_for, commit):
    with commit():
        request = submit(org.staff, lines=[free_line(description="Agrafeuse")])
    client = client_for(org.staff)
    assert _shown(client).count('data-testid="cancel"') == 1
    with commit():
        response = client.post(reverse("supplies:request_cancel", args=[request.pk]), {"next": MINE})
    assert response.status_code == 302
    html = _shown(client)
    assert "Cancelled" in html
    assert 'data-testid="cancel"' not in html


def _signed_in(user) -> Client:
    client = Client()  # its own (client_for signs one shared client in as each user in turn)
    client.force_login(user)
    return client


def test_two_staff_members_never_see_each_others_rows(org, commit):
    with commit():
        mine = submit(org.staff, lines=[free_line(description="Agrafeuse")])
        theirs = submit(org.colleague, lines=[free_line(description="Perforatrice")])
    staff, colleague = _signed_in(org.staff), _signed_in(org.colleague)
    for _visit in range(2):  # the first visits fill the cache, the second ones read it
        for client, own, other, own_line, other_line in (
            (staff, mine, theirs, "Agrafeuse", "Perforatrice"),
            (colleague, theirs, mine, "Perforatrice", "Agrafeuse"),
        ):
            html = _shown(client)
            assert _numbers(html) == [own.pk]
            assert own_line in html
            assert other_line not in html
            assert f"#{other.pk}<" not in html
