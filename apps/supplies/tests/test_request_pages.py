"""The office's request pages: the queue, a request's page and its decision form, with who sees what."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from apps.accounts.tests.factories import SiteFactory, UserFactory
from apps.supplies.models import Awaiting, LineDecision, RequestStatus
from apps.supplies.services import request_decide
from apps.supplies.tests.requests_helpers import catalogue_line, submitted

pytestmark = pytest.mark.django_db


def detail(request):
    return reverse("supplies:request_detail", args=[request.pk])


def decide_url(request):
    return reverse("supplies:request_decide", args=[request.pk])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- the queue -------------------------------------------------------------------------------------


def test_queue_lists_requests_with_their_figures(org, client_for):
    late = submitted(org.staff, "12.00", "30.00", needed_by=dt.date.today() - dt.timedelta(days=2))
    submitted(org.colleague, "8.00")
    response = client_for(org.office_manager).get(reverse("supplies:request_queue"))
    assert response.status_code == 200
    page = response.content.decode()
    assert str(org.staff) in page and str(org.colleague) in page
    assert "42.00 €" in page and "(late)" in page
    rows = response.context["queue"].page.object_list
    assert (rows[0].pk, rows[0].line_count) == (late.pk, 2)
    assert response.context["queue"].counts["pending"] == 2


def test_queue_filters_by_tab_awaiting_site_and_requester(org, client_for):
    mine = submitted(org.staff, "80.00")
    for_director = request_decide(request=submitted(org.colleague, "900.00"), by=org.office_manager)
    elsewhere = submitted(UserFactory(site=SiteFactory(name="Metz")), "10.00")
    done = request_decide(request=submitted(org.outsider, "70.00"), by=org.office_manager)
    client = client_for(org.office_manager)

    def shown(**params):
        response = client.get(reverse("supplies:request_queue"), params)
        assert response.status_code == 200
        return {row.pk for row in response.context["queue"].page.object_list}

    assert shown() == {mine.pk, for_director.pk, elsewhere.pk, done.pk}
    assert shown(tab="pending") == {mine.pk, for_director.pk, elsewhere.pk}
    assert shown(tab="to_prepare") == {done.pk}
    assert shown(awaiting=Awaiting.DIRECTOR) == {for_director.pk}
    assert shown(awaiting=Awaiting.OFFICE_MANAGER) == {mine.pk, elsewhere.pk}
    assert shown(site=org.site.pk) == {mine.pk, for_director.pk, done.pk}
    assert shown(q=org.staff.last_name) == {mine.pk}
    assert shown(tab="nonsense", site="x", page="99999999999999999999") == {
        mine.pk,
        for_director.pk,
        elsewhere.pk,
        done.pk,
    }


@pytest.mark.parametrize("who", ["staff", "manager", "director"])
def test_queue_is_the_office_managers(org, client_for, who):
    assert client_for(getattr(org, who)).get(reverse("supplies:request_queue")).status_code == 403


def test_queue_costs_the_same_for_many_requests(org, client_for, django_assert_max_num_queries):
    client = client_for(org.office_manager)
    client.get(reverse("supplies:request_queue"))  # sessions, caches of the layout
    for number in range(25):
        submitted(org.staff if number % 2 else org.colleague, "10.00", "5.00", "1.00")
    with django_assert_max_num_queries(10):
        response = client.get(reverse("supplies:request_queue"))
    assert len(response.context["queue"].page.object_list) == 25


def test_queue_refuses_post(org, client_for):
    assert client_for(org.office_manager).post(reverse("supplies:request_queue")).status_code == 405


# --- a request's page ------------------------------------------------------------------------------


def test_requester_sees_their_request_without_decision_or_handing_out(org, client_for):
    request = submitted(org.staff, "12.00")
    response = client_for(org.staff).get(detail(request))
    assert response.status_code == 200
    assert response.context["decision_form"] is None and not response.context["may_issue"]
    assert b"decision-form" not in response.content


def test_someone_elses_request_is_not_found(org, client_for):
    request = submitted(org.staff, "12.00")
    for who in (org.colleague, org.manager, org.director):
        assert client_for(who).get(detail(request)).status_code == 404


def test_office_manager_sees_the_decision_form_with_totals(org, client_for):
    request = submitted(org.staff, catalogue_line(org.site, quantity=10, price="4.20", in_stock=3), "100.00")
    response = client_for(org.office_manager).get(detail(request))
    page = response.content.decode()
    assert 'id="decision-form"' in page and "3 in stock on this site" in page
    # 42.00 + 100.00 excl. VAT, 20 % VAT
    assert "142.00 € excl. VAT · VAT 28.40 € · 170.40 € incl. VAT" in page


def test_director_decides_only_once_the_office_manager_has(org, client_for):
    request = submitted(org.staff, "700.00")
    assert client_for(org.director).get(detail(request)).status_code == 404  # not theirs yet
    request_decide(request=request, by=org.office_manager)
    response = client_for(org.director).get(detail(request))
    assert response.status_code == 200 and response.context["deciding"]
    response = client_for(org.office_manager).get(detail(request))
    assert not response.context["deciding"]


def test_detail_costs_the_same_for_many_lines(org, client_for, django_assert_max_num_queries):
    few = submitted(org.staff, catalogue_line(org.site, in_stock=2), "3.00")
    many = submitted(org.staff, *[catalogue_line(org.site, in_stock=2) for _ in range(15)], *["3.00"] * 15)
    client = client_for(org.office_manager)
    client.get(detail(few))
    with django_assert_max_num_queries(12) as few_queries:
        client.get(detail(few))
    with django_assert_max_num_queries(len(few_queries)):
        client.get(detail(many))


def test_detail_refuses_post(org, client_for):
    request = submitted(org.staff, "12.00")
    assert client_for(org.staff).post(detail(request)).status_code == 405


# --- deciding through the page -------------------------------------------------------------------


def test_office_manager_approves_everything(org, client_for):
    request = submitted(org.staff, "12.00", "8.00")
    response = client_for(org.office_manager).post(decide_url(request), {"action": "approve_all"})
    assert response.status_code == 302 and response["Location"] == detail(request)
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED


def test_office_manager_approves_the_ticked_lines(org, client_for):
    request = submitted(org.staff, "12.00", "8.00")
    second = request.lines.get(position=1)
    client_for(org.office_manager).post(decide_url(request), {"action": "approve_selected", "lines": [second.pk]})
    request.refresh_from_db()
    assert request.status == RequestStatus.PARTLY_APPROVED
    assert list(request.lines.order_by("position").values_list("decision", flat=True)) == [
        LineDecision.REFUSED,
        LineDecision.APPROVED,
    ]


def test_refusing_without_a_reason_shows_the_form_again(org, client_for):
    request = submitted(org.staff, "12.00")
    response = client_for(org.office_manager).post(decide_url(request), {"action": "refuse", "reason": " "})
    assert response.status_code == 200
    assert "Say why the request is refused." in response.content.decode()
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_approving_the_ticked_lines_with_none_ticked_says_so(org, client_for):
    request = submitted(org.staff, "12.00")
    response = client_for(org.office_manager).post(decide_url(request), {"action": "approve_selected"})
    assert "Tick at least one line" in response.content.decode()


def test_a_decision_posted_again_is_a_message_not_an_error(org, client_for):
    request = submitted(org.staff, "12.00")
    client = client_for(org.office_manager)
    client.post(decide_url(request), {"action": "approve_all"})
    response = client.post(decide_url(request), {"action": "refuse", "reason": "Non"})
    assert response.status_code == 302
    assert "This request has already been decided." in messages_of(response)
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED


def test_staff_cannot_decide_and_the_director_cannot_reach_what_is_not_theirs(org, client_for):
    request = submitted(org.colleague, "12.00")
    assert client_for(org.staff).post(decide_url(request), {"action": "approve_all"}).status_code == 403
    assert client_for(org.director).post(decide_url(request), {"action": "approve_all"}).status_code == 404
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_an_office_manager_deciding_their_own_request_is_refused(org, client_for):
    request = submitted(org.office_manager, "120.00")
    client = client_for(org.office_manager)
    assert client.get(detail(request)).context["deciding"] is False
    assert client.post(decide_url(request), {"action": "approve_all"}).status_code == 403


def test_decide_refuses_get(org, client_for):
    request = submitted(org.staff, "12.00")
    assert client_for(org.office_manager).get(decide_url(request)).status_code == 405


# --- the inbox's buttons -------------------------------------------------------------------------


def test_inbox_approve_goes_back_to_the_inbox(org, client_for):
    request = submitted(org.staff, "12.00")
    url = reverse("supplies:request_approve", args=[request.pk]) + "?next=/inbox/"
    response = client_for(org.office_manager).post(url, {"next": "/inbox/"})
    assert response["Location"] == "/inbox/"
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED


def test_inbox_refuse_leads_to_the_decision_form_and_refuses_with_a_reason(org, client_for):
    request = submitted(org.staff, "12.00")
    url = reverse("supplies:request_refuse", args=[request.pk])
    client = client_for(org.office_manager)
    assert client.get(url)["Location"] == detail(request) + "#decision"
    response = client.post(url, {})
    assert "Say why the request is refused." in messages_of(response)
    client.post(url, {"reason": "Déjà en stock au 2e"})
    request.refresh_from_db()
    assert (request.status, request.refusal_reason) == (RequestStatus.REFUSED, "Déjà en stock au 2e")


def test_the_director_opens_and_decides_an_office_managers_own_request(org, client_for):
    request = submitted(org.office_manager, "120.00")
    client = client_for(org.director)
    response = client.get(detail(request))
    assert response.status_code == 200 and response.context["deciding"]
    client.post(decide_url(request), {"action": "approve_all"})
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED
    assert client.get(detail(request)).status_code == 200  # still theirs to read afterwards


def test_the_dashboard_shows_the_requests_cards(org, client_for):
    submitted(org.staff, "80.00")
    page = client_for(org.office_manager).get(reverse("dashboard:index")).content.decode()
    assert "Requests waiting" in page and "To prepare" in page
    assert "/supplies/requests/?tab=pending&amp;awaiting=office_manager" in page


def test_the_page_reads_in_french(org, client_for):
    org.office_manager.language = "fr"
    org.office_manager.save(update_fields=["language"])
    request = submitted(org.staff, "1234.50")
    page = client_for(org.office_manager).get(detail(request), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Votre décision" in page and "1 234,50 € HT" in page.replace("\xa0", " ").replace("\u202f", " ")
