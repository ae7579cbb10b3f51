"""The bell's lazy count and the cards on the dashboard and in "my space"."""

from types import SimpleNamespace

import pytest
from django.test import RequestFactory
from django.utils import timezone

from apps.core import roles
from apps.core.context_processors import layout
from apps.core.memo import RequestMemoMiddleware
from apps.notifications import contributions, selectors
from apps.notifications.models import EmailOutbox

from .factories import EmailOutboxFactory, NotificationFactory


def test_the_bells_unread_count_costs_one_query_and_only_when_read(org, django_assert_num_queries):
    NotificationFactory.create_batch(2, recipient=org.staff)
    NotificationFactory(recipient=org.staff, read_at=timezone.now())
    NotificationFactory(recipient=org.colleague)
    request = RequestFactory().get("/")
    request.user = org.staff
    org.staff.has_role(roles.OFFICE_MANAGER)  # request.user comes with its roles
    with django_assert_num_queries(0):
        context = layout(request)
    with django_assert_num_queries(1):
        assert str(context["unread_notifications_count"]) == "2"
        assert context["unread_notifications_count"]


@pytest.mark.django_db
def test_no_bell_count_for_anonymous_users():
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    assert "unread_notifications_count" not in layout(request)


def test_office_manager_sees_a_danger_card_when_emails_failed(org, django_assert_max_num_queries):
    EmailOutboxFactory.create_batch(2, status=EmailOutbox.Status.FAILED)
    EmailOutboxFactory()
    with django_assert_max_num_queries(4):
        cards = contributions.dashboard_cards(org.office_manager)
    [card] = [c for c in cards if c.severity == "danger"]
    assert card.value == 2
    assert card.url == "/notifications/outbox/"


def test_no_failed_email_card_when_everything_went_out(org):
    EmailOutboxFactory(status=EmailOutbox.Status.SENT, sent_at=timezone.now())
    assert contributions.dashboard_cards(org.office_manager) == []


def test_failed_email_card_is_for_the_office_manager_only(org):
    EmailOutboxFactory(status=EmailOutbox.Status.FAILED)
    assert contributions.dashboard_cards(org.director) == []


def test_dashboard_shows_the_unread_card_only_when_there_is_something_to_read(org):
    assert contributions.dashboard_cards(org.office_manager) == []
    NotificationFactory(recipient=org.office_manager)
    [card] = contributions.dashboard_cards(org.office_manager)
    assert (card.value, card.url) == (1, "/notifications/")


def test_my_space_card_counts_my_unread_notifications(org, django_assert_num_queries):
    NotificationFactory.create_batch(3, recipient=org.staff)
    org.staff.has_role(roles.OFFICE_MANAGER)  # request.user comes with its roles
    with django_assert_num_queries(1):  # every badge of the layout, counted at once
        [card] = contributions.my_space_cards(org.staff)
    assert card.value == 3


def test_the_failed_email_card_reaches_the_dashboard_page(org, client_for):
    EmailOutboxFactory(status=EmailOutbox.Status.FAILED)
    html = client_for(org.office_manager).get("/dashboard/").content.decode()
    assert "E-mails not delivered" in html
    assert "/notifications/outbox/" in html


def test_notifications_page_is_a_benchmarked_key_page():
    [page] = contributions.benchmark_pages()
    assert (page.path, page.role) == ("/notifications/", "staff")


def test_the_bell_and_the_card_share_one_count_and_failed_emails_take_one_more(org, django_assert_num_queries):
    NotificationFactory.create_batch(2, recipient=org.office_manager)
    NotificationFactory(recipient=org.office_manager, read_at=timezone.now())
    NotificationFactory(recipient=org.staff)
    EmailOutboxFactory.create_batch(3, status=EmailOutbox.Status.FAILED)
    EmailOutboxFactory(status=EmailOutbox.Status.SENT, sent_at=timezone.now())
    user = org.office_manager
    RequestMemoMiddleware(lambda request: None)(SimpleNamespace(user=user))  # as during a request
    user.has_role(roles.OFFICE_MANAGER)  # request.user comes with its roles
    with django_assert_num_queries(2):
        cards = {card.icon: card.value for card in contributions.dashboard_cards(user)}
        assert cards == {"bell": 2, "envelope-exclamation": 3}
        assert selectors.unread_count(user) == 2  # the bell: no new query
    assert selectors.unread_count(org.staff) == 1
    assert selectors.failed_email_count() == 3
