"""'My requests': only the user's own, newest first, with what happens next; cancel where allowed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.supplies.models import Awaiting, RequestKind, RequestStatus
from apps.supplies.tests.factories import RequestLineFactory, SupplyRequestFactory

pytestmark = pytest.mark.django_db

MINE = reverse("supplies:my_requests")


def cancel_url(request) -> str:
    return reverse("supplies:request_cancel", args=[request.pk])


def test_staff_see_only_their_own_requests_newest_first(org, client_for):
    older = SupplyRequestFactory(requester=org.staff, created_at=timezone.now() - dt.timedelta(days=2))
    newer = SupplyRequestFactory(requester=org.staff)
    SupplyRequestFactory(requester=org.colleague)
    response = client_for(org.staff).get(MINE)
    assert response.status_code == 200
    assert [row.pk for row in response.context["page"].object_list] == [newer.pk, older.pk]


def test_each_status_says_what_happens_next(org, client_for):
    SupplyRequestFactory(requester=org.staff, status=RequestStatus.PENDING, awaiting=Awaiting.DIRECTOR)
    SupplyRequestFactory(requester=org.staff, status=RequestStatus.REFUSED, refusal_reason="Déjà en stock à l'accueil")
    SupplyRequestFactory(requester=org.staff, status=RequestStatus.READY, pickup_note="Accueil, 2e étage")
    SupplyRequestFactory(requester=org.staff, status=RequestStatus.PARTLY_APPROVED, kind=RequestKind.EQUIPMENT)
    SupplyRequestFactory(requester=org.staff, status=RequestStatus.CANCELLED)
    page = client_for(org.staff).get(MINE).content.decode()
    for text in (
        "Waiting for the director",
        "Déjà en stock à l&#39;accueil",
        "Pick it up at: Accueil, 2e étage",
        "Partly approved",
        "Cancelled",
        "Equipment",
    ):
        assert text in page, text
    assert page.count('data-testid="cancel"') == 2  # pending and partly approved


def test_a_row_shows_its_lines_and_total(org, client_for):
    request = SupplyRequestFactory(requester=org.staff, total_excl_vat=Decimal("1234.50"))
    for name in ("Ramette A4", "Stylos", "Cahiers", "Agrafes"):
        RequestLineFactory(request=request, item=None, description=name, quantity=2)
    page = client_for(org.staff).get(MINE).content.decode()
    assert "Ramette A4 × 2, Stylos × 2, Cahiers × 2 and 1 more" in page
    assert "1,234.50 €" in page


def test_the_page_costs_the_same_queries_for_few_or_many_requests(org, client_for):
    client = client_for(org.staff)
    for _n in range(3):
        RequestLineFactory(request=SupplyRequestFactory(requester=org.staff))
    client.get(MINE)
    with CaptureQueriesContext(connection) as few:
        client.get(MINE)
    for _n in range(40):
        request = SupplyRequestFactory(requester=org.staff)
        RequestLineFactory.create_batch(3, request=request)
    with CaptureQueriesContext(connection) as many:
        response = client.get(MINE)
    assert response.context["page"].paginator.num_pages == 3
    assert len(few.captured_queries) == len(many.captured_queries) <= 8


def test_the_requester_cancels_from_the_list(org, client_for):
    request = SupplyRequestFactory(requester=org.staff)
    response = client_for(org.staff).post(cancel_url(request), {"next": MINE}, follow=True)
    assert response.redirect_chain[-1][0] == MINE
    assert "has been cancelled" in response.content.decode()
    request.refresh_from_db()
    assert request.status == RequestStatus.CANCELLED


def test_someone_elses_request_is_not_found(org, client_for):
    request = SupplyRequestFactory(requester=org.colleague)
    for person in (org.staff, org.manager, org.director):
        assert client_for(person).post(cancel_url(request)).status_code == 404
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_the_office_manager_may_cancel_anyones(org, client_for):
    request = SupplyRequestFactory(requester=org.colleague)
    assert client_for(org.office_manager).post(cancel_url(request)).status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.CANCELLED


def test_a_ready_request_cannot_be_cancelled_and_says_why(org, client_for):
    request = SupplyRequestFactory(requester=org.staff, status=RequestStatus.READY)
    response = client_for(org.staff).post(cancel_url(request), follow=True)
    assert "can no longer be cancelled" in response.content.decode()
    request.refresh_from_db()
    assert request.status == RequestStatus.READY


def test_cancel_refuses_get_and_anonymous_people(org, client, client_for):
    request = SupplyRequestFactory(requester=org.staff)
    assert client.post(cancel_url(request)).status_code == 302  # to the login page
    assert client_for(org.staff).get(cancel_url(request)).status_code == 405
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING
