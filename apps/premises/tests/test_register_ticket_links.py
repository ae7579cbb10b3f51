"""A register item links to its repair ticket only for who may open the ticket: the office manager
does; the director (who reads the register but is neither the ticket's reporter nor its handler)
sees its number and status as text, not a link to a 404."""

import datetime as dt

import pytest
from django.urls import reverse

from apps.accounts.models import User
from apps.premises.models import CheckResult, Ticket
from apps.premises.services import checkrecord_create
from apps.premises.tests.factories import CheckItemFactory

pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture(autouse=True)
def _english(org):
    User.objects.update(language="en")


@pytest.fixture
def ticket(org):
    item = CheckItemFactory(site=org.site, name="Electrical installation")
    record = checkrecord_create(
        item=item,
        by=org.office_manager,
        done_on=dt.date(2026, 2, 20),
        done_by="Veritas",
        result=CheckResult.NON_COMPLIANT,
        to_fix="No earth",
    )
    return Ticket.objects.get(source_check=record)


def item_page(client, ticket) -> str:
    response = client.get(reverse("premises:register_item", args=[ticket.source_check.item_id]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_office_manager_gets_the_link(org, ticket, client_for):
    client = client_for(org.office_manager)
    url = reverse("premises:ticket_detail", args=[ticket.pk])
    assert f'href="{url}"' in item_page(client, ticket)
    assert client.get(url).status_code == 200


def test_the_director_sees_the_ticket_without_a_dead_link(org, ticket, client_for):
    client = client_for(org.director)
    url = reverse("premises:ticket_detail", args=[ticket.pk])
    html = item_page(client, ticket)
    assert url not in html
    assert f"Ticket #{ticket.pk} (New)" in html
    assert client.get(url).status_code == 404  # why there is no link


def test_the_director_gets_the_link_to_a_ticket_he_handles(org, ticket, client_for):
    ticket.assignee = org.director
    ticket.save(update_fields=["assignee"])
    client = client_for(org.director)
    url = reverse("premises:ticket_detail", args=[ticket.pk])
    assert f'href="{url}"' in item_page(client, ticket)
    assert client.get(url).status_code == 200
