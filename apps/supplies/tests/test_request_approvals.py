"""Deciding a request: the thresholds and the director's step, partial approval, refusals, and who decides."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.notifications.models import EmailOutbox, Notification
from apps.supplies.models import Awaiting, LineDecision, RequestStatus, StockMove, SupplySettings
from apps.supplies.services import request_decide
from apps.supplies.tests.requests_helpers import catalogue_line, submitted

pytestmark = pytest.mark.django_db


def decisions(request):
    return list(request.lines.order_by("position").values_list("decision", flat=True))


def kinds_told(user):
    return list(Notification.objects.filter(recipient=user).order_by("pk").values_list("kind", flat=True))


def test_office_manager_approving_600_euros_sends_it_to_the_director_who_approves_it(org):
    request = submitted(org.staff, "400.00", "200.00")
    request = request_decide(request=request, by=org.office_manager)
    assert (request.status, request.awaiting, request.needs_director) == (
        RequestStatus.PENDING,
        Awaiting.DIRECTOR,
        True,
    )
    assert request.office_decided_by == org.office_manager and request.office_decided_at
    assert kinds_told(org.director) == ["supplies_request_director"]
    assert kinds_told(org.staff) == []  # not decided yet

    request = request_decide(request=request, by=org.director)
    assert (request.status, request.awaiting) == (RequestStatus.APPROVED, Awaiting.NOBODY)
    assert request.director_decided_by == org.director
    assert decisions(request) == [LineDecision.APPROVED, LineDecision.APPROVED]
    assert kinds_told(org.staff) == ["supplies_request_approved"]


def test_office_manager_approving_only_lines_worth_400_euros_decides_without_the_director(org):
    request = submitted(org.staff, "400.00", "200.00")
    first = request.lines.get(position=0)
    request = request_decide(request=request, by=org.office_manager, approved_line_ids=[first.pk])
    assert (request.status, request.awaiting, request.needs_director) == (
        RequestStatus.PARTLY_APPROVED,
        Awaiting.NOBODY,
        False,
    )
    assert decisions(request) == [LineDecision.APPROVED, LineDecision.REFUSED]
    assert kinds_told(org.director) == []
    assert kinds_told(org.staff) == ["supplies_request_partly_approved"]


def test_the_director_threshold_is_read_when_deciding(org):
    settings = SupplySettings.current()
    settings.director_above = Decimal("1000.00")
    settings.save()
    request = request_decide(request=submitted(org.staff, "400.00", "200.00"), by=org.office_manager)
    assert request.status == RequestStatus.APPROVED


def test_exactly_the_threshold_needs_no_director(org):
    request = request_decide(request=submitted(org.staff, "300.00", "200.00"), by=org.office_manager)
    assert request.status == RequestStatus.APPROVED


def test_the_director_approves_only_among_the_lines_the_office_manager_approved(org):
    request = submitted(org.staff, "400.00", "200.00", "30.00")
    first, second, third = request.lines.order_by("position")
    request = request_decide(request=request, by=org.office_manager, approved_line_ids=[first.pk, second.pk])
    assert request.awaiting == Awaiting.DIRECTOR
    with pytest.raises(ValidationError) as error:
        request_decide(request=request, by=org.director, approved_line_ids=[third.pk])
    assert "lines" in error.value.message_dict
    request = request_decide(request=request, by=org.director, approved_line_ids=[second.pk])
    assert request.status == RequestStatus.PARTLY_APPROVED
    assert decisions(request) == [LineDecision.REFUSED, LineDecision.APPROVED, LineDecision.REFUSED]


def test_the_director_may_refuse_what_the_office_manager_approved(org):
    request = request_decide(request=submitted(org.staff, "700.00"), by=org.office_manager)
    request = request_decide(request=request, by=org.director, approved_line_ids=[], refusal_reason="Pas cette année")
    assert request.status == RequestStatus.REFUSED
    assert request.refusal_reason == "Pas cette année"
    assert kinds_told(org.staff) == ["supplies_request_refused"]


def test_partial_approval_issues_only_the_approved_lines(org):
    wanted = catalogue_line(org.site, quantity=2, in_stock=5, name="Stylos bleus")
    unwanted = catalogue_line(org.site, quantity=3, in_stock=5, name="Surligneurs")
    request = submitted(org.staff, wanted, unwanted)
    approved = request.lines.get(position=0)
    request = request_decide(request=request, by=org.office_manager, approved_line_ids=[approved.pk])
    assert request.status == RequestStatus.READY  # everything approved was on the shelf
    moves = StockMove.objects.filter(request_line__request=request)
    assert [(move.request_line_id, move.delta) for move in moves] == [(approved.pk, -2)]
    assert kinds_told(org.staff) == ["supplies_request_partly_approved", "supplies_request_ready"]


def test_refusing_everything_needs_a_reason(org):
    request = submitted(org.staff, "80.00")
    with pytest.raises(ValidationError) as error:
        request_decide(request=request, by=org.office_manager, approved_line_ids=[], refusal_reason="   ")
    assert "reason" in error.value.message_dict
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING and decisions(request) == [LineDecision.PENDING]
    request = request_decide(request=request, by=org.office_manager, approved_line_ids=[], refusal_reason="Hors budget")
    assert (request.status, request.refusal_reason) == (RequestStatus.REFUSED, "Hors budget")


def test_a_request_decided_twice_is_decided_once(org):
    request = submitted(org.staff, "80.00")
    request_decide(request=request, by=org.office_manager)
    with pytest.raises(ValidationError, match="already been decided"):
        request_decide(request=request, by=org.office_manager, approved_line_ids=[], refusal_reason="Non")
    request.refresh_from_db()
    assert request.status == RequestStatus.APPROVED
    assert kinds_told(org.staff) == ["supplies_request_approved"]


def test_an_office_manager_posting_again_after_the_office_stage_is_told_it_is_decided(org):
    request = request_decide(request=submitted(org.staff, "800.00"), by=org.office_manager)
    with pytest.raises(ValidationError, match="already been decided"):
        request_decide(request=request, by=org.office_manager)


def test_the_director_does_not_decide_before_the_office_manager(org):
    with pytest.raises(ValidationError, match="office manager decides"):
        request_decide(request=submitted(org.staff, "800.00"), by=org.director)


@pytest.mark.parametrize("who", ["staff", "manager", "outsider"])
def test_people_without_the_role_cannot_decide(org, who):
    request = submitted(org.colleague, "80.00")
    with pytest.raises(PermissionDenied):
        request_decide(request=request, by=getattr(org, who))


def test_an_office_manager_cannot_decide_their_own_request_but_a_director_can(org):
    request = submitted(org.office_manager, "800.00")
    with pytest.raises(PermissionDenied):
        request_decide(request=request, by=org.office_manager)
    request = request_decide(request=request, by=org.director)
    # The director decided the office stage with the director's authority: no second step.
    assert (request.status, request.director_decided_by, request.office_decided_by) == (
        RequestStatus.APPROVED,
        org.director,
        None,
    )


def test_the_requester_is_told_in_their_language_with_the_reason(org):
    org.staff.language = "fr"
    org.staff.save(update_fields=["language"])
    request = submitted(org.staff, "80.00")
    request_decide(request=request, by=org.office_manager, approved_line_ids=[], refusal_reason="Déjà en stock")
    email = EmailOutbox.objects.get(recipient=org.staff)
    assert email.subject == f"Votre demande n° {request.pk} a été refusée"
    assert "Déjà en stock" in email.body_text


def test_the_directors_are_told_what_awaits_them(org):
    request = request_decide(request=submitted(org.staff, "400.00", "250.00"), by=org.office_manager)
    email = EmailOutbox.objects.get(recipient=org.director)
    assert f"#{request.pk}" in email.subject and "650.00 €" in email.body_text
