"""The notification pages: my list, mark read (HTMX row swap), mark all, open, and the outbox."""

import smtplib

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.notifications import outbox
from apps.notifications.models import EmailOutbox, Notification

from .factories import EmailOutboxFactory, NotificationFactory

LIST = reverse("notifications:list")
OUTBOX = reverse("notifications:outbox")


def _read_url(n):
    return reverse("notifications:mark_read", args=[n.pk])


def _open_url(n):
    return reverse("notifications:open", args=[n.pk])


def _retry_url(row):
    return reverse("notifications:outbox_retry", args=[row.pk])


# --- the list -------------------------------------------------------------------------------------


def test_list_shows_my_notifications_newest_first_unread_highlighted(org, client_for):
    old = NotificationFactory(recipient=org.staff, title="Old and read", read_at=timezone.now())
    new = NotificationFactory(recipient=org.staff, title="New and unread")
    NotificationFactory(recipient=org.colleague, title="Someone else's")
    response = client_for(org.staff).get(LIST)
    assert response.status_code == 200
    assert [row.pk for row in response.context["page_obj"]] == [new.pk, old.pk]
    html = response.content.decode()
    assert "Someone else&#x27;s" not in html and "Someone else's" not in html
    assert (
        f'id="notification-{new.pk}" class="list-group-item d-flex gap-3 align-items-start bg-primary-subtle"' in html
    )
    assert 'data-testid="unread-count">1<' in html  # the bell
    assert reverse("notifications:mark_all_read") in html


def test_list_is_paginated_with_constant_queries(org, client_for, django_assert_max_num_queries):
    client = client_for(org.staff)
    NotificationFactory.create_batch(3, recipient=org.staff)
    with django_assert_max_num_queries(12) as few:
        client.get(LIST)
    NotificationFactory.create_batch(40, recipient=org.staff)
    with django_assert_max_num_queries(12) as many:
        response = client.get(LIST)
    assert len(few) == len(many)
    assert len(response.context["page_obj"]) == 25
    assert client.get(LIST, {"page": 2}).context["page_obj"].number == 2


def test_list_without_notifications_says_so(org, client_for):
    response = client_for(org.staff).get(LIST)
    assert "You have no notifications." in response.content.decode()


@pytest.mark.django_db
def test_list_sends_anonymous_users_to_login(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_list_refuses_post(org, client_for):
    assert client_for(org.staff).post(LIST).status_code == 405


# --- mark one as read -----------------------------------------------------------------------------


def test_mark_read_with_htmx_returns_the_row_partial(org, client_for):
    n = NotificationFactory(recipient=org.staff, url="/me/")
    response = client_for(org.staff).post(_read_url(n), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response.templates[0].name == "notifications/partials/_rows.html"
    html = response.content.decode()
    assert f'id="notification-{n.pk}"' in html
    assert "<html" not in html
    assert 'data-read="true"' in html
    n.refresh_from_db()
    assert n.read_at is not None


def test_mark_read_without_htmx_redirects_back(org, client_for):
    n = NotificationFactory(recipient=org.staff)
    response = client_for(org.staff).post(_read_url(n), {"next": f"{LIST}?page=1"})
    assert response.status_code == 302
    assert response.url == f"{LIST}?page=1"
    n.refresh_from_db()
    assert n.is_read


def test_mark_read_ignores_a_foreign_next_url(org, client_for):
    n = NotificationFactory(recipient=org.staff)
    response = client_for(org.staff).post(_read_url(n), {"next": "https://evil.example.com/"})
    assert response.url == LIST


def test_mark_read_keeps_the_first_read_time(org, client_for):
    first = timezone.now() - timezone.timedelta(days=2)
    n = NotificationFactory(recipient=org.staff, read_at=first)
    client_for(org.staff).post(_read_url(n), HTTP_HX_REQUEST="true")
    n.refresh_from_db()
    assert n.read_at == first


def test_mark_read_of_someone_elses_notification_is_404(org, client_for):
    n = NotificationFactory(recipient=org.colleague)
    assert client_for(org.staff).post(_read_url(n)).status_code == 404
    n.refresh_from_db()
    assert not n.is_read


def test_mark_read_refuses_get(org, client_for):
    n = NotificationFactory(recipient=org.staff)
    assert client_for(org.staff).get(_read_url(n)).status_code == 405


@pytest.mark.django_db
def test_mark_read_sends_anonymous_users_to_login(client):
    n = NotificationFactory()
    response = client.post(_read_url(n))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


# --- mark all as read -----------------------------------------------------------------------------


def test_mark_all_read_marks_only_mine(org, client_for):
    NotificationFactory.create_batch(3, recipient=org.staff)
    theirs = NotificationFactory(recipient=org.colleague)
    response = client_for(org.staff).post(reverse("notifications:mark_all_read"), follow=True)
    assert response.redirect_chain == [(LIST, 302)]
    assert "3 notifications marked as read." in response.content.decode()
    assert not Notification.objects.filter(recipient=org.staff, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert not theirs.is_read


def test_mark_all_read_refuses_get(org, client_for):
    assert client_for(org.staff).get(reverse("notifications:mark_all_read")).status_code == 405


@pytest.mark.django_db
def test_mark_all_read_sends_anonymous_users_to_login(client):
    assert client.post(reverse("notifications:mark_all_read")).status_code == 302


# --- open -----------------------------------------------------------------------------------------


def test_open_marks_read_and_goes_to_the_target(org, client_for):
    n = NotificationFactory(recipient=org.staff, url="/me/")
    response = client_for(org.staff).post(_open_url(n))
    assert response.status_code == 302
    assert response.url == "/me/"
    n.refresh_from_db()
    assert n.is_read


def test_open_never_redirects_off_site(org, client_for):
    # notify() refuses such URLs; a row written another way must not become an open redirect.
    n = NotificationFactory(recipient=org.staff, url="//evil.example.com/")
    response = client_for(org.staff).post(_open_url(n))
    assert response.url == LIST


def test_open_someone_elses_notification_is_404(org, client_for):
    n = NotificationFactory(recipient=org.colleague, url="/me/")
    assert client_for(org.staff).post(_open_url(n)).status_code == 404


def test_open_refuses_get(org, client_for):
    n = NotificationFactory(recipient=org.staff, url="/me/")
    assert client_for(org.staff).get(_open_url(n)).status_code == 405


@pytest.mark.django_db
def test_open_sends_anonymous_users_to_login(client):
    n = NotificationFactory(url="/me/")
    assert client.post(_open_url(n)).status_code == 302
    n.refresh_from_db()
    assert not n.is_read


# --- the outbox -----------------------------------------------------------------------------------


def test_outbox_lists_failed_first_then_pending_with_their_error(org, client_for, django_assert_max_num_queries):
    pending = EmailOutboxFactory(subject="Waiting")
    failed = EmailOutboxFactory(subject="Broken", status=EmailOutbox.Status.FAILED, last_error="SMTPRecipientsRefused")
    EmailOutboxFactory(subject="Delivered", status=EmailOutbox.Status.SENT, sent_at=timezone.now())
    client = client_for(org.office_manager)
    client.get(OUTBOX)
    with django_assert_max_num_queries(14):
        response = client.get(OUTBOX)
    assert response.status_code == 200
    assert list(response.context["page_obj"]) == [failed, pending]
    assert response.context["counts"] == {"failed": 1, "pending": 1, "sending": 0}
    html = response.content.decode()
    assert "SMTPRecipientsRefused" in html
    assert "Delivered" not in html
    assert _retry_url(failed) in html
    assert _retry_url(pending) not in html


def test_a_permanent_failure_shows_on_the_outbox_page(org, client_for, smtp_fails):
    smtp_fails(smtplib.SMTPRecipientsRefused({"gone@example.com": (550, b"5.1.1 User unknown")}))
    row = EmailOutboxFactory(to="gone@example.com")
    outbox.email_outbox_send(outbox_id=row.pk)
    html = client_for(org.office_manager).get(OUTBOX).content.decode()
    assert "gone@example.com" in html
    assert "User unknown" in html


@pytest.mark.parametrize("who", ["staff", "manager", "director"])
def test_outbox_is_for_the_office_manager_only(org, client_for, who):
    assert client_for(getattr(org, who)).get(OUTBOX).status_code == 403


@pytest.mark.django_db
def test_outbox_sends_anonymous_users_to_login(client):
    assert client.get(OUTBOX).status_code == 302


def test_outbox_refuses_post(org, client_for):
    assert client_for(org.office_manager).post(OUTBOX).status_code == 405


def test_retry_sends_the_failed_email_again(org, client_for, mailoutbox, django_capture_on_commit_callbacks):
    row = EmailOutboxFactory(status=EmailOutbox.Status.FAILED, attempts=6, last_error="timeout")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(org.office_manager).post(_retry_url(row), follow=True)
    assert response.redirect_chain == [(OUTBOX, 302)]
    assert f"The e-mail to {row.to} is being sent again." in response.content.decode()
    row.refresh_from_db()
    assert row.status == EmailOutbox.Status.SENT
    assert len(mailoutbox) == 1


def test_retry_of_a_row_that_is_not_failed_explains_why(org, client_for, mailoutbox):
    row = EmailOutboxFactory(status=EmailOutbox.Status.SENT, sent_at=timezone.now())
    response = client_for(org.office_manager).post(_retry_url(row), follow=True)
    assert response.status_code == 200
    assert "Only a failed e-mail can be sent again; this one is sent." in response.content.decode()
    assert mailoutbox == []


def test_retry_of_an_unknown_row_is_404(org, client_for):
    assert client_for(org.office_manager).post(reverse("notifications:outbox_retry", args=[424242])).status_code == 404


def test_retry_is_refused_to_staff(org, client_for):
    row = EmailOutboxFactory(status=EmailOutbox.Status.FAILED)
    assert client_for(org.staff).post(_retry_url(row)).status_code == 403
    row.refresh_from_db()
    assert row.status == EmailOutbox.Status.FAILED


def test_retry_refuses_get(org, client_for):
    row = EmailOutboxFactory(status=EmailOutbox.Status.FAILED)
    assert client_for(org.office_manager).get(_retry_url(row)).status_code == 405


@pytest.mark.django_db
def test_retry_sends_anonymous_users_to_login(client):
    row = EmailOutboxFactory(status=EmailOutbox.Status.FAILED)
    assert client.post(_retry_url(row)).status_code == 302
