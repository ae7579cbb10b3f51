"""The e-mail templates as the outbox stores them: plain text as typed, HTML escaped, one-line
subjects, the recipient's language and time zone."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.conf import settings

from apps.accounts.tests.factories import UserFactory
from apps.notifications import services
from apps.notifications.models import EmailOutbox, Notification

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
LINK = "https://office.example.com/accounts/reset/MQ/abc-123/"


def _welcome(user, company_name):
    services.notify(recipient=user, kind="welcome", context={"set_password_url": LINK, "company_name": company_name})
    return EmailOutbox.objects.get(recipient=user), Notification.objects.get(recipient=user)


@pytest.mark.django_db
@pytest.mark.parametrize("hostile", [SCRIPT, IMG, "O'Brien & <Fils>"])
def test_plain_text_keeps_what_was_typed_and_html_escapes_it(hostile):
    user = UserFactory(first_name=hostile)
    outbox, notification = _welcome(user, hostile)
    # Plain text is not HTML: the subject, the text body and the in-app title read as typed.
    assert outbox.subject == f"Your {hostile} account: choose your password"
    assert f"Hello {hostile}," in outbox.body_text
    assert notification.title == f"Welcome to {hostile}"
    # The HTML alternative shows the same text, escaped.
    assert hostile not in outbox.body_html
    assert "<img" not in outbox.body_html and "<script>alert" not in outbox.body_html
    assert "&lt;" in outbox.body_html or "&#39;" in outbox.body_html
    assert f'href="{LINK}"' in outbox.body_html


@pytest.mark.django_db
def test_a_subject_is_one_line_whatever_the_title():
    user = UserFactory()
    services.notify(recipient=user, kind="message", context={"title": "Fire drill\nTuesday\r\n 10:00", "body": "x"})
    outbox = EmailOutbox.objects.get(recipient=user)
    assert outbox.subject == "Fire drill Tuesday 10:00"
    assert Notification.objects.get(recipient=user).title == "Fire drill Tuesday 10:00"


@pytest.mark.django_db
def test_a_french_recipient_gets_the_email_in_french():
    user = UserFactory(first_name="Léa", language="fr")
    outbox, notification = _welcome(user, "Atelier Rhône")
    assert notification.title == "Bienvenue chez Atelier Rhône"
    assert outbox.body_text.startswith("Bonjour Léa,")
    assert '<html lang="fr">' in outbox.body_html and "Bonjour Léa," in outbox.body_html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"), [("en", "Wednesday 1 July 2026, 10:00–11:30"), ("fr", "10:00–11:30")]
)
def test_booking_times_read_in_local_time(language, expected):
    user = UserFactory(language=language)
    start = dt.datetime(2026, 7, 1, 8, 0, tzinfo=dt.UTC)  # 10:00 in Paris (summer time)
    booking = SimpleNamespace(start=start, end=start + dt.timedelta(hours=1, minutes=30), title="")
    context = {"booking": booking, "resource": "Room <2>", "by": SimpleNamespace(get_full_name=lambda: "Éric & Co")}
    services.notify(recipient=user, kind="premises_booking_approved", context=context, url="/premises/")
    outbox = EmailOutbox.objects.get(recipient=user)
    assert expected in outbox.body_text
    assert "Room <2>" in outbox.subject and "Éric & Co" in outbox.body_text
    assert f"{settings.SITE_URL.rstrip('/')}/premises/" in outbox.body_text


@pytest.mark.django_db
def test_plural_subjects_count_the_items():
    user = UserFactory()
    absences = [{"person": "A", "leave_type": "Paid leave", "part": "", "pending": False}]
    for count, subject in [(1, "1 person absent on 02/07/2026"), (2, "2 people absent on 02/07/2026")]:
        services.notify(
            recipient=user,
            kind="leave_tomorrow_absences",
            context={"date": "02/07/2026", "absences": absences * count},
        )
        assert EmailOutbox.objects.filter(recipient=user).latest("pk").subject == subject
    body = EmailOutbox.objects.filter(recipient=user).latest("pk").body_text
    assert body.count("- A: Paid leave") == 2


@pytest.mark.django_db
def test_the_password_reset_email_links_to_the_reset_page():
    user = UserFactory(first_name="Zoé", email="zoe@example.com")
    services.email_queue(recipient=user, kind="password_reset", context={"user": user, "uid": "MQ", "token": "a-b"})
    outbox = EmailOutbox.objects.get(recipient=user)
    assert outbox.subject == "officemgr: choose a new password"
    assert f"{settings.SITE_URL.rstrip('/')}/accounts/reset/MQ/a-b/" in outbox.body_text
    assert outbox.body_text.startswith("Hello Zoé,")
    assert "Your sign-in e-mail address is zoe@example.com." in outbox.body_text
