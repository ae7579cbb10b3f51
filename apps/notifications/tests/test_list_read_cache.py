"""My notifications kept in the read cache (``selectors.my_notification_page``): a repeat costs fewer
queries, a new or read notification shows at the next request, and nobody gets anyone else's."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.notifications import services
from apps.notifications.tests.factories import NotificationFactory

URL = "/notifications/"


def _get(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_a_repeat_reads_less_and_a_new_notification_shows_at_once(org, client_for, commit):
    client = client_for(org.staff)
    _, first_queries = _get(client)
    html, again_queries = _get(client)
    assert again_queries < first_queries
    assert "Projector fixed" not in html
    with commit():
        notification = NotificationFactory(recipient=org.staff, title="Projector fixed", read_at=None)
    html = _get(client)[0]
    assert "Projector fixed" in html and 'data-read="false"' in html
    with commit():
        services.notification_mark_read(notification=notification)
    assert 'data-read="false"' not in _get(client)[0]


def test_each_person_gets_their_own_notifications(org, client_for, commit):
    with commit():
        NotificationFactory(recipient=org.staff, title="For staff only")
    assert "For staff only" in _get(client_for(org.staff))[0]
    assert "For staff only" not in _get(client_for(org.colleague))[0]
    assert "For staff only" in _get(client_for(org.staff))[0]
