"""PostgreSQL: ten "new team" and ten "new person" forms posted at the same moment save one row each;
the others get the form back with the duplicate error, never a 500 (UniqueViolation)."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from apps.accounts.models import Team, User

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="real parallel transactions need PostgreSQL"),
]
PARALLEL = 10


def post_at_once(user, url: str, data: dict) -> list[tuple[int, str]]:
    """``PARALLEL`` clients signed in as ``user`` post ``data`` together; (status, body) of each."""
    clients = []
    for _ in range(PARALLEL):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients.append(client)
    barrier = threading.Barrier(PARALLEL)
    answers = []

    def post(client):
        try:
            barrier.wait(timeout=10)
            response = client.post(url, data)
            answers.append((response.status_code, response.content.decode()))
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ten_new_team_posts_at_once_save_one_team(org):
    answers = post_at_once(org.office_manager, reverse("accounts:team_create"), {"name": "Legal", "site": org.site.pk})
    assert len(answers) == PARALLEL
    assert sorted(status for status, _ in answers) == [200] * (PARALLEL - 1) + [302]
    assert all("Team with this Name already exists." in body for status, body in answers if status == 200)
    assert Team.objects.filter(name="Legal").count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ten_new_person_posts_at_once_save_one_account(org):
    data = {"email": "ana.roy@test.fr", "first_name": "Ana", "last_name": "Roy", "language": "fr"}
    data.update(team=org.team.pk, site=org.site.pk, is_active="on")
    answers = post_at_once(org.office_manager, reverse("accounts:user_create"), data)
    assert len(answers) == PARALLEL
    assert sorted(status for status, _ in answers) == [200] * (PARALLEL - 1) + [302]
    assert all("already exists" in body for status, body in answers if status == 200)
    assert User.objects.filter(email="ana.roy@test.fr").count() == 1
