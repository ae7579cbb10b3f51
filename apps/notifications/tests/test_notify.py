"""notify(): one in-app row and one outbox e-mail, in the recipient's language, sent after commit."""

import pytest
from django.conf import settings
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.utils import translation

from apps.accounts.tests.factories import UserFactory
from apps.notifications import services
from apps.notifications.models import EmailOutbox, Notification

WELCOME = {"set_password_url": "https://office.example.com/accounts/reset/MQ/abc-123/", "company_name": "Atelier Rhône"}


@pytest.fixture
def languages_used(monkeypatch):
    """Record which language was active while each template was rendered."""
    used: list[tuple[str, str]] = []
    render_text, render_optional = services._render_text, services._render_optional_text

    def spy(template_name, context):
        used.append((template_name, translation.get_language()))
        return render_text(template_name, context)

    def spy_optional(template_name, context):
        used.append((template_name, translation.get_language()))
        return render_optional(template_name, context)

    monkeypatch.setattr(services, "_render_text", spy)
    monkeypatch.setattr(services, "_render_optional_text", spy_optional)
    return used


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_templates_are_rendered_in_the_recipient_language(languages_used, language):
    user = UserFactory(language=language)
    other = "en" if language == "fr" else "fr"
    with translation.override(other):  # the sender's language must not leak into the e-mail
        services.notify(recipient=user, kind="welcome", context=WELCOME)
        assert translation.get_language() == other
    # The e-mail in the recipient's language; the in-app text in every language of the site (the
    # page shows the reader's own when it is displayed).
    assert {lang for name, lang in languages_used if name.startswith("emails/")} == {language}
    assert ("emails/welcome.txt", language) in languages_used
    assert {lang for name, lang in languages_used if name == "notifications/kinds/welcome.txt"} == {"fr", "en"}
    outbox = EmailOutbox.objects.get(recipient=user)
    assert f'<html lang="{language}">' in outbox.body_html


@pytest.mark.django_db
def test_welcome_email_carries_the_set_password_link_and_company(django_capture_on_commit_callbacks, mailoutbox):
    user = UserFactory(first_name="Léa", email="lea@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        notification = services.notify(recipient=user, kind="welcome", context=WELCOME)
    assert notification.title == "Welcome to Atelier Rhône"
    assert notification.body
    [email] = mailoutbox
    assert email.to == ["lea@example.com"]
    assert "Atelier Rhône" in email.subject
    # Plain text is not HTML-escaped: the ô and the link arrive as written.
    assert WELCOME["set_password_url"] in email.body
    assert "Hello Léa," in email.body
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="{WELCOME["set_password_url"]}"' in html
    assert email.extra_headers["Auto-Submitted"] == "auto-generated"


@pytest.mark.django_db
def test_message_kind_uses_title_and_body_without_html_escaping(mailoutbox, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        notification = services.notify(
            recipient=user,
            kind="message",
            context={"title": "Fire drill <Tuesday> & coffee", "body": "Meet at 10:00 in the car park.\nBring a coat."},
            url="/premises/",
        )
    assert notification.title == "Fire drill <Tuesday> & coffee"
    assert notification.body == "Meet at 10:00 in the car park.\nBring a coat."
    assert notification.url == "/premises/"
    [email] = mailoutbox
    assert email.subject == "Fire drill <Tuesday> & coffee"
    assert "Meet at 10:00 in the car park.\nBring a coat." in email.body
    assert f"{settings.SITE_URL.rstrip('/')}/premises/" in email.body
    assert email.alternatives == []  # the message kind has no HTML template


@pytest.mark.django_db
def test_email_is_an_outbox_row_sent_only_after_commit(django_capture_on_commit_callbacks, mailoutbox):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.notify(recipient=user, kind="message", context={"title": "Hi", "body": "Text"})
    row = EmailOutbox.objects.get()
    assert row.status == EmailOutbox.Status.PENDING
    assert (row.to, row.subject, row.attempts) == (user.email, "Hi", 0)
    assert mailoutbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    row.refresh_from_db()
    assert row.status == EmailOutbox.Status.SENT
    assert row.sent_at is not None
    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_nothing_is_said_when_the_callers_transaction_rolls_back(mailoutbox):
    user = UserFactory()

    class Abort(Exception):
        pass

    with pytest.raises(Abort), transaction.atomic():
        services.notify(recipient=user, kind="message", context={"title": "Hi", "body": "Text"})
        raise Abort
    assert not Notification.objects.exists()
    assert not EmailOutbox.objects.exists()
    assert mailoutbox == []


@pytest.mark.django_db
def test_email_false_stores_only_the_in_app_notification():
    user = UserFactory()
    services.notify(recipient=user, kind="message", context={"title": "Hi", "body": "Text"}, email=False)
    assert Notification.objects.filter(recipient=user).count() == 1
    assert not EmailOutbox.objects.exists()


@pytest.mark.django_db
def test_inactive_account_gets_no_email():
    user = UserFactory(is_active=False)
    services.notify(recipient=user, kind="message", context={"title": "Hi", "body": "Text"})
    assert Notification.objects.filter(recipient=user).exists()
    assert not EmailOutbox.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["../secrets", "Welcome", "", "a/b"])
def test_invalid_kind_is_refused(kind):
    with pytest.raises(ValueError, match="kind"):
        services.notify(recipient=UserFactory(), kind=kind, context={})


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["https://evil.example.com/", "//evil.example.com/", "leave/12/"])
def test_non_local_url_is_refused(url):
    with pytest.raises(ValueError, match="local path"):
        services.notify(recipient=UserFactory(), kind="message", context={"title": "t", "body": "b"}, url=url)


@pytest.mark.django_db
def test_kind_without_templates_fails_loudly():
    with pytest.raises(TemplateDoesNotExist):
        services.notify(recipient=UserFactory(), kind="no_such_kind", context={})


@pytest.mark.django_db
def test_notify_many_costs_a_bounded_number_of_queries(django_assert_max_num_queries, languages_used):
    few = UserFactory.create_batch(2)
    many = [*UserFactory.create_batch(6, language="en"), UserFactory(language="fr")]
    context = {"title": "Office closed on Friday", "body": "Enjoy the long weekend."}
    with django_assert_max_num_queries(6) as few_queries:
        services.notify_many(few, kind="message", context=context)
    with django_assert_max_num_queries(6) as many_queries:
        notifications = services.notify_many(many + many[:2], kind="message", context=context)  # duplicates ignored
    assert len(few_queries) == len(many_queries)
    assert len(notifications) == 7
    assert all(n.pk for n in notifications)
    assert EmailOutbox.objects.filter(recipient__in=many).count() == 7
    assert Notification.objects.count() == 9


@pytest.mark.django_db
def test_notify_many_enqueues_every_email_on_commit(django_capture_on_commit_callbacks, mailoutbox):
    users = UserFactory.create_batch(3)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.notify_many(users, kind="message", context={"title": "Hi", "body": "All of you"})
    assert len(callbacks) == 3
    assert sorted(email.to[0] for email in mailoutbox) == sorted(u.email for u in users)
    assert set(EmailOutbox.objects.values_list("status", flat=True)) == {EmailOutbox.Status.SENT}
