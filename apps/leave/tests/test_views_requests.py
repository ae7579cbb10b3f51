"""The person's pages: my leave, the request form with its HTMX preview, a request's page and its document."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.core.tests.files import pdf_bytes
from apps.leave import services
from apps.leave.models import ApprovalStep, LeaveRequest, LeaveStatus, LedgerEntry

D = dt.date
PDF = pdf_bytes()


@pytest.fixture
def ready(org, policy, clock, credit, cp):
    """The small organisation on 2 March 2026, jours ouvrés, 25 CP days for staff and colleague."""
    credit(org.staff, cp, 25)
    credit(org.colleague, cp, 25)
    return org


def form_data(leave_type, start, end, **extra):
    return {
        "leave_type": leave_type.pk,
        "start_date": start.isoformat(),
        "start_half": "morning",
        "end_date": end.isoformat(),
        "end_half": "afternoon",
        "comment": "",
        **extra,
    }


def sick_leave(org, sick, person):
    return services.leave_request_submit(
        person=person,
        leave_type=sick,
        start=D(2026, 3, 4),
        end=D(2026, 3, 6),
        document=SimpleUploadedFile("arret.pdf", PDF),
        submitted_by=person,
    ).request


# --- My leave --------------------------------------------------------------------------------------


def test_my_leave_shows_balances_and_my_requests(ready, client_for, leave, django_assert_max_num_queries):
    leave(ready.staff, D(2026, 5, 4), D(2026, 5, 6))
    client = client_for(ready.staff)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("leave:my_leave"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-testid="balances"' in body
    assert body.count('data-testid="request-row"') == 1
    assert reverse("leave:request_create") in body


def test_my_leave_needs_a_login_and_refuses_post(ready, client):
    response = client.get(reverse("leave:my_leave"))
    assert response.status_code == 302 and reverse("accounts:login") in response.url
    client.force_login(ready.staff)
    assert client.post(reverse("leave:my_leave")).status_code == 405


def test_a_manager_sees_their_deputies_on_my_leave(ready, client_for):
    services.deputy_create(
        person=ready.manager, deputy=ready.colleague, start=D(2026, 3, 2), end=D(2026, 3, 20), by=ready.manager
    )
    body = client_for(ready.manager).get(reverse("leave:my_leave")).content.decode()
    assert ready.colleague.get_full_name() in body


# --- The form and its preview ----------------------------------------------------------------------


def test_the_form_renders_without_the_person_field_for_staff(ready, client_for, django_assert_max_num_queries):
    client = client_for(ready.staff)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("leave:request_create"))
    assert response.status_code == 200
    assert 'name="person"' not in response.content.decode()
    assert 'hx-post="/leave/new/preview/"' in response.content.decode()


def test_the_office_manager_gets_a_person_select(ready, client_for):
    body = client_for(ready.office_manager).get(reverse("leave:request_create")).content.decode()
    assert 'name="person"' in body


def test_the_preview_shows_8_days_for_4_to_15_may_2026_in_lyon_in_jours_ouvres(ready, client_for, cp):
    response = client_for(ready.staff).post(
        reverse("leave:request_preview"), form_data(cp, D(2026, 5, 4), D(2026, 5, 15)), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert '<span class="display-6 fw-semibold" data-testid="preview-days">8</span>' in body
    assert 'data-testid="preview-balance-after">17<' in body  # 25 − 8
    assert "<html" not in body  # a partial
    assert LeaveRequest.objects.count() == 0


def test_the_preview_shows_the_24_ouvrables_warning(ready, client_for, cp, policy):
    policy.counting = "ouvrables"
    policy.save()
    response = client_for(ready.staff).post(
        reverse("leave:request_preview"), form_data(cp, D(2026, 6, 1), D(2026, 7, 3))
    )
    assert 'data-testid="preview-warning"' in response.content.decode()


def test_the_preview_lists_errors_and_waits_for_complete_input(ready, client_for, cp):
    client = client_for(ready.staff)
    body = client.post(reverse("leave:request_preview"), form_data(cp, D(2026, 5, 4), D(2026, 6, 30))).content
    assert b'data-testid="preview-error"' in body and b"Not enough balance" in body
    empty = client.post(reverse("leave:request_preview"), {"leave_type": cp.pk}).content.decode()
    assert "preview-days" not in empty
    assert client.get(reverse("leave:request_preview")).status_code == 405


def test_submitting_creates_the_request_and_redirects_to_it(ready, client_for, cp):
    response = client_for(ready.staff).post(
        reverse("leave:request_create"), form_data(cp, D(2026, 5, 4), D(2026, 5, 15), comment="Vacances")
    )
    request = LeaveRequest.objects.get()
    assert response.status_code == 302 and response.url == reverse("leave:request_detail", kwargs={"pk": request.pk})
    assert (request.person, request.days, request.status) == (ready.staff, 8, LeaveStatus.PENDING)


def test_an_invalid_request_re_renders_with_errors_and_saves_nothing(ready, client_for, cp):
    client = client_for(ready.staff)
    response = client.post(reverse("leave:request_create"), form_data(cp, D(2026, 5, 16), D(2026, 5, 17)))
    assert response.status_code == 200
    assert "no day to count" in response.content.decode()
    response = client.post(reverse("leave:request_create"), form_data(cp, D(2026, 2, 2), D(2026, 2, 3)))
    assert response.status_code == 200 and "in the past" in response.content.decode()
    response = client.post(reverse("leave:request_create"), form_data(cp, D(2026, 5, 15), D(2026, 5, 4)))
    assert response.status_code == 200 and "before the start date" in response.content.decode()
    assert (LeaveRequest.objects.count(), ApprovalStep.objects.count()) == (0, 0)


def test_staff_cannot_submit_for_someone_else(ready, client_for, cp):
    client_for(ready.staff).post(
        reverse("leave:request_create"), form_data(cp, D(2026, 5, 4), D(2026, 5, 5), person=ready.colleague.pk)
    )
    assert LeaveRequest.objects.get().person == ready.staff  # the field does not exist for staff


def test_the_office_manager_records_sick_leave_in_the_past_for_someone_else(ready, client_for, sick):
    data = form_data(sick, D(2026, 2, 2), D(2026, 2, 4), person=ready.staff.pk)
    data["document"] = SimpleUploadedFile("arret.pdf", PDF, content_type="application/pdf")
    response = client_for(ready.office_manager).post(reverse("leave:request_create"), data)
    request = LeaveRequest.objects.get()
    assert response.status_code == 302
    assert (request.person, request.submitted_by, request.status) == (
        ready.staff,
        ready.office_manager,
        LeaveStatus.APPROVED,
    )


def test_a_missing_document_is_refused(ready, client_for, sick):
    response = client_for(ready.staff).post(
        reverse("leave:request_create"), form_data(sick, D(2026, 3, 4), D(2026, 3, 5))
    )
    assert response.status_code == 200 and "supporting document" in response.content.decode()
    assert LeaveRequest.objects.count() == 0


def test_the_long_block_warning_is_shown_after_success(ready, client_for, cp, policy, credit):
    credit(ready.staff, cp, 30)
    response = client_for(ready.staff).post(
        reverse("leave:request_create"), form_data(cp, D(2026, 6, 1), D(2026, 7, 3)), follow=True
    )
    assert LeaveRequest.objects.count() == 1
    assert "derogation" in response.content.decode()


# --- A request's page ------------------------------------------------------------------------------


def test_the_requester_sees_their_request_with_its_steps(ready, client_for, leave, django_assert_max_num_queries):
    request = leave(ready.staff, D(2026, 5, 4), D(2026, 5, 15))
    client = client_for(ready.staff)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("leave:request_detail", kwargs={"pk": request.pk}))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="step"' in body and 'data-testid="cancel"' in body
    assert 'data-testid="approve"' not in body


def test_the_manager_sees_approve_and_refuse(ready, client_for, leave):
    request = leave(ready.staff, D(2026, 5, 4), D(2026, 5, 15))
    body = client_for(ready.manager).get(reverse("leave:request_detail", kwargs={"pk": request.pk})).content.decode()
    assert 'data-testid="approve"' in body and 'name="reason"' in body
    assert 'data-testid="cancel"' not in body


def test_another_persons_request_is_a_404(ready, client_for, leave):
    request = leave(ready.staff, D(2026, 5, 4), D(2026, 5, 6))
    url = reverse("leave:request_detail", kwargs={"pk": request.pk})
    assert client_for(ready.outsider).get(url).status_code == 404
    assert client_for(ready.other_manager).get(url).status_code == 404
    assert client_for(ready.staff).post(url).status_code == 405


def test_the_detail_needs_a_login(ready, client, leave):
    request = leave(ready.staff, D(2026, 5, 4), D(2026, 5, 6))
    response = client.get(reverse("leave:request_detail", kwargs={"pk": request.pk}))
    assert response.status_code == 302 and reverse("accounts:login") in response.url


def test_the_manager_sees_sick_leave_as_an_absence_without_the_certificate(ready, client_for, sick):
    request = sick_leave(ready, sick, ready.staff)
    url = reverse("leave:request_detail", kwargs={"pk": request.pk})
    body = client_for(ready.manager).get(url).content.decode()
    assert sick.name not in body and "Absence" in body
    assert 'data-testid="document-link"' not in body
    document = reverse("leave:request_document", kwargs={"pk": request.pk})
    assert client_for(ready.manager).get(document).status_code == 404


def test_the_person_and_the_office_manager_open_the_certificate(ready, client_for, sick):
    request = sick_leave(ready, sick, ready.staff)
    document = reverse("leave:request_document", kwargs={"pk": request.pk})
    for user in (ready.staff, ready.office_manager):
        response = client_for(user).get(document)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert "no-store" in response["Cache-Control"]
    assert client_for(ready.colleague).get(document).status_code == 404
    assert client_for(ready.staff).post(document).status_code == 405


def test_no_ledger_entry_is_written_by_the_preview(ready, client_for, cp):
    before = LedgerEntry.objects.count()
    client_for(ready.staff).post(reverse("leave:request_preview"), form_data(cp, D(2026, 5, 4), D(2026, 5, 6)))
    assert LedgerEntry.objects.count() == before


def test_the_preview_of_an_empty_form_shows_no_error(org, client_for):
    response = client_for(org.staff).post("/leave/new/preview/", {})
    assert response.status_code == 200
    assert b"alert-danger" not in response.content
