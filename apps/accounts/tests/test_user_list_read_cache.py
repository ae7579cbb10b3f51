"""The accounts list kept in the read cache (``selectors.user_page``): a repeat costs fewer queries, an
account changed shows at the next request, and each viewer keeps their own list."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.accounts.models import User
from apps.accounts.tests.factories import UserFactory

URL = "/accounts/users/"


def _get(client, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, params or {})
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_a_repeat_reads_less_and_a_renamed_account_shows_at_once(org, client_for, commit):
    client = client_for(org.office_manager)
    _, first_queries = _get(client)
    again, again_queries = _get(client)
    assert again_queries < first_queries
    assert "Zebulon" not in again
    with commit():
        User.objects.filter(pk=org.staff.pk).update(first_name="Zebulon")
    assert "Zebulon" in _get(client)[0]


def test_filters_and_pages_are_kept_apart(org, client_for, commit):
    with commit():
        UserFactory(first_name="Searchable", last_name="Person", site=org.site)
    client = client_for(org.office_manager)
    assert "Searchable" in _get(client, {"q": "Searchable"})[0]
    assert "Searchable" not in _get(client, {"q": "Nobody"})[0]
    assert "Searchable" in _get(client, {"q": "Searchable"})[0]


def test_a_superuser_is_hidden_from_an_office_manager_who_follows_a_superuser(org, client_for, commit):
    with commit():
        UserFactory(first_name="Rooty", email="root@test.fr", is_superuser=True)
        org.director.is_superuser = True
        org.director.save()
        org.director.groups.add(*org.office_manager.groups.all())
    assert "Rooty" in _get(client_for(org.director))[0]
    assert "Rooty" not in _get(client_for(org.office_manager))[0]


def test_the_filter_bar_is_kept_and_shows_a_new_team_and_what_was_typed(org, client_for, commit):
    client = client_for(org.office_manager)
    first, _ = _get(client)
    kept, _ = _get(client)
    assert "Logistics" not in first and "Logistics" not in kept
    with commit():
        org.team.__class__.objects.create(name="Logistics", site=org.site)
    assert ">Logistics</option>" in _get(client)[0]
    typed, _ = _get(client, {"q": "Zeb<i>"})
    assert 'value="Zeb&lt;i&gt;"' in typed
    assert 'value="Zeb&lt;i&gt;"' not in _get(client, {"q": "Other"})[0]
