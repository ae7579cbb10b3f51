"""Health and family data (GDPR art. 9): a private leave type's name, comment and document reach
the person and the office managers only; the manager, the director and colleagues see “Absence”
(or “Absent” on the calendars) wherever the leave shows: pages, the calendar feed, the inbox, the
agenda, notifications and e-mails."""

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.core.tests.files import pdf_bytes
from apps.leave import contributions, services
from apps.leave.models import LeaveType, Privacy
from apps.leave.services._common import request_context
from apps.notifications.models import EmailOutbox, Notification

D = dt.date
COMMENT = "Décès de mon père – obsèques à Brest"
BEREAVEMENT = "FAM_DEC"


@pytest.fixture
def bereavement(db):
    return LeaveType.objects.get(code=BEREAVEMENT)


def submit(person, leave_type, *, comment=COMMENT):
    """A private request with a comment and its certificate, as the person sends it."""
    return services.leave_request_submit(
        person=person,
        leave_type=leave_type,
        start=D(2026, 3, 9),
        start_half="morning",
        end=D(2026, 3, 11),
        end_half="afternoon",
        comment=comment,
        document=SimpleUploadedFile("acte.pdf", pdf_bytes()),
        submitted_by=person,
    ).request


@pytest.fixture
def private_request(org, policy, clock, bereavement):
    """Staff's bereavement leave, waiting for their manager."""
    return submit(org.staff, bereavement)


def text_for(user, *, kind=None) -> str:
    """Everything the user was told: in-app notifications and e-mails (subjects and bodies)."""
    notifications = Notification.objects.filter(recipient=user)
    emails = EmailOutbox.objects.filter(recipient=user)
    if kind:
        notifications, emails = notifications.filter(kind=kind), emails.filter(kind=kind)
    parts = [f"{n.title}\n{n.body}" for n in notifications]
    parts += [f"{e.subject}\n{e.body_text}\n{e.body_html}" for e in emails]
    assert parts, f"nothing was sent to {user}"
    return "\n".join(parts)


# --- The defaults ----------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["MAL", "FAM_HAND", "FAM_DEC_ENF", "FAM_DEC_ENF25", "FAM_DEC"])
def test_health_and_family_types_are_private_by_default(db, code):
    assert LeaveType.objects.get(code=code).privacy == Privacy.PRIVATE


@pytest.mark.parametrize("code", ["CP", "RTT", "CSS", "FAM_MAR", "FAM_MAR_ENF", "FAM_NAIS"])
def test_other_types_stay_public(db, code):
    assert LeaveType.objects.get(code=code).privacy == Privacy.PUBLIC


# --- The request's page and its document -----------------------------------------------------------


@pytest.mark.parametrize("role", ["manager", "director"])
def test_the_manager_and_the_director_see_an_absence_without_comment_or_document(
    org, private_request, bereavement, client_for, role
):
    body = client_for(getattr(org, role)).get(reverse("leave:request_detail", kwargs={"pk": private_request.pk}))
    text = body.content.decode()
    assert body.status_code == 200
    assert "Absence" in text and "From Monday 9 March to Wednesday 11 March 2026" in text
    assert bereavement.name not in text.replace("&#x27;", "'")
    assert COMMENT not in text and "Brest" not in text
    assert 'data-testid="document-link"' not in text


def test_a_sick_leave_comment_is_shown_to_the_person_and_the_office_manager_only(org, policy, clock, client_for):
    sick = LeaveType.objects.get(code="MAL")
    leave_request = submit(org.staff, sick, comment="Dépression – arrêt médecin")
    url = reverse("leave:request_detail", kwargs={"pk": leave_request.pk})
    for role in ("manager", "director"):
        assert "Dépression" not in client_for(getattr(org, role)).get(url).content.decode()
    for role in ("staff", "office_manager"):
        assert "Dépression – arrêt médecin" in client_for(getattr(org, role)).get(url).content.decode()


def test_the_manager_can_still_approve_a_private_request(org, private_request, client_for):
    client = client_for(org.manager)
    page = client.get(reverse("leave:request_detail", kwargs={"pk": private_request.pk})).content.decode()
    assert 'data-testid="approve"' in page
    client.post(reverse("leave:request_approve", kwargs={"pk": private_request.pk}))
    private_request.refresh_from_db()
    assert private_request.status == "approved"


@pytest.mark.parametrize("role", ["staff", "office_manager"])
def test_the_person_and_the_office_manager_see_the_type_comment_and_document(
    org, private_request, bereavement, client_for, role
):
    text = client_for(getattr(org, role)).get(reverse("leave:request_detail", kwargs={"pk": private_request.pk}))
    body = text.content.decode().replace("&#x27;", "'")
    assert bereavement.name in body and COMMENT in body
    assert 'data-testid="document-link"' in body


@pytest.mark.parametrize("role", ["manager", "director", "colleague", "outsider"])
def test_nobody_else_downloads_a_private_certificate(org, private_request, client_for, role):
    url = reverse("leave:request_document", kwargs={"pk": private_request.pk})
    assert client_for(getattr(org, role)).get(url).status_code == 404


@pytest.mark.parametrize("role", ["staff", "office_manager"])
def test_the_person_and_the_office_manager_download_the_certificate(org, private_request, client_for, role):
    response = client_for(getattr(org, role)).get(reverse("leave:request_document", kwargs={"pk": private_request.pk}))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_public_types_comment_and_document_stay_visible_to_the_manager(org, policy, clock, client_for):
    marriage = LeaveType.objects.get(code="FAM_MAR")
    leave_request = submit(org.staff, marriage, comment="Mariage à Lyon")
    client = client_for(org.manager)
    body = client.get(reverse("leave:request_detail", kwargs={"pk": leave_request.pk})).content.decode()
    assert marriage.name in body and "Mariage à Lyon" in body and 'data-testid="document-link"' in body
    assert client.get(reverse("leave:request_document", kwargs={"pk": leave_request.pk})).status_code == 200


# --- Notifications and e-mails ---------------------------------------------------------------------


def test_the_managers_notification_and_email_say_absence_without_the_comment(org, private_request, bereavement):
    told = text_for(org.manager, kind="leave_submitted")
    assert "Absence: from Monday 9 March to Wednesday 11 March 2026, 3 days." in told
    assert bereavement.name not in told and COMMENT not in told and "Brest" not in told


def test_the_directors_email_for_a_managers_private_leave_says_absence(org, policy, clock, bereavement):
    submit(org.manager, bereavement)
    told = text_for(org.director, kind="leave_submitted")
    assert "Absence" in told and bereavement.name not in told and COMMENT not in told


def test_the_reminder_to_the_manager_says_absence(org, private_request, bereavement):
    assert services.leave_send_pending_reminders(today=D(2026, 3, 6)) == 1
    told = text_for(org.manager, kind="leave_pending_reminder")
    assert "Absence" in told and bereavement.name not in told


def test_the_person_is_told_the_type_of_their_own_leave(org, private_request, bereavement):
    services.leave_request_approve(request=private_request, by=org.manager)
    assert bereavement.name in text_for(org.staff, kind="leave_approved")


def test_the_office_manager_deciding_is_told_the_type_and_the_comment(org, private_request, bereavement):
    context = request_context(private_request, recipient=org.office_manager)
    assert (context["leave_type"], context["comment"]) == (bereavement.name, COMMENT)
    assert request_context(private_request, recipient=org.manager) | {"leave_type": "", "comment": ""} == context | {
        "leave_type": "",
        "comment": "",
    }


def test_absence_is_written_in_the_recipients_language(org, private_request):
    org.manager.language = "fr"
    assert request_context(private_request, recipient=org.manager)["leave_type"] == "Absence"
    org.manager.language = "en"
    assert request_context(private_request, recipient=org.manager)["leave_type"] == "Absence"


# --- The calendar feed, the inbox and the agenda ---------------------------------------------------


def feed(client) -> list[dict]:
    response = client.get(reverse("leave:calendar_events"), {"start": "2026-03-02", "end": "2026-04-13"})
    assert response.status_code == 200
    return [e for e in json.loads(response.content) if e.get("display") != "background"]


@pytest.mark.parametrize("role", ["manager", "director", "colleague"])
def test_the_calendar_feed_hides_a_private_type(org, private_request, bereavement, client_for, role):
    events = feed(client_for(getattr(org, role)))
    assert len(events) == 1
    assert "Absent" in events[0]["title"] and bereavement.name not in json.dumps(events, ensure_ascii=False)


@pytest.mark.parametrize("role", ["staff", "office_manager"])
def test_the_calendar_feed_names_a_private_type_to_the_person_and_the_office_manager(
    org, private_request, bereavement, client_for, role
):
    (event,) = feed(client_for(getattr(org, role)))
    assert bereavement.name in event["title"]


def test_the_inbox_shows_an_absence_to_the_manager(org, private_request, bereavement, client_for):
    (approval,) = contributions.pending_approvals(org.manager)
    assert "Absence" in approval.detail and bereavement.name not in approval.detail
    body = client_for(org.manager).get(reverse("core:inbox")).content.decode().replace("&#x27;", "'")
    assert "Absence" in body and bereavement.name not in body and COMMENT not in body


def test_the_inbox_of_the_director_shows_an_absence_for_a_managers_private_leave(
    org, policy, clock, bereavement, client_for
):
    submit(org.manager, bereavement)
    body = client_for(org.director).get(reverse("core:inbox")).content.decode().replace("&#x27;", "'")
    assert "Absence" in body and bereavement.name not in body and COMMENT not in body


def test_the_agenda_hides_a_private_type_from_the_manager_and_the_director(org, policy, clock, bereavement):
    submit(org.staff, bereavement)
    submit(org.manager, bereavement)  # the director's agenda lists the team managers' absences
    for viewer in (org.manager, org.director):
        items = contributions.agenda_items(viewer, D(2026, 3, 2), D(2026, 3, 15))
        titles = [item.title for item in items if not item.title.startswith("My leave")]  # theirs, named
        assert any("Absent" in title for title in titles), titles
        assert not any(bereavement.name in title for title in titles), titles
    office = [item.title for item in contributions.agenda_items(org.office_manager, D(2026, 3, 2), D(2026, 3, 15))]
    assert any(bereavement.name in title for title in office)


def test_the_directors_agenda_page_hides_a_private_type(org, policy, clock, bereavement, client_for):
    submit(org.manager, bereavement)
    body = client_for(org.director).get("/agenda/", {"start": "2026-03-09"}).content.decode()
    assert bereavement.name not in body.replace("&#x27;", "'")


# --- The payroll export ----------------------------------------------------------------------------


def test_the_payroll_export_is_the_office_managers_alone(org, private_request, bereavement, client_for):
    services.leave_request_approve(request=private_request, by=org.manager)
    url = reverse("leave:payroll_export")
    for role in ("manager", "director", "staff"):
        assert client_for(getattr(org, role)).get(url, {"month": "2026-03"}).status_code == 403
    # Payroll needs the type (a bereavement leave is paid, a sick leave is not): the office manager,
    # who may know it, gets it.
    export = client_for(org.office_manager).get(url, {"month": "2026-03"}).content.decode("utf-8-sig")
    assert bereavement.code in export and COMMENT not in export


# --- The office manager sets the level -------------------------------------------------------------


def test_the_office_manager_sets_a_types_privacy(org, policy, client_for):
    training = LeaveType.objects.create(code="SOINS", name="Soins", kind="other")
    client = client_for(org.office_manager)
    url = reverse("leave:type_edit", kwargs={"pk": training.pk})
    assert 'name="privacy"' in client.get(url).content.decode()
    data = {"name": "Soins", "colour": "#123456", "privacy": "private", "order": 100, "second_approval": "never"}
    assert client.post(url, data).status_code == 302
    training.refresh_from_db()
    assert training.privacy == Privacy.PRIVATE and training.is_private
    data["privacy"] = "secret"
    assert client.post(url, data).status_code == 200
    training.refresh_from_db()
    assert training.privacy == Privacy.PRIVATE
