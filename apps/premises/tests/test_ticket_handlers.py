"""Only people who handle tickets are put in charge: office managers, and the people an office manager
marks as handlers on the accounts edit page ("Handles repair tickets")."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.accounts.models import User
from apps.accounts.tests.factories import UserFactory
from apps.premises.models import TicketEvent
from apps.premises.services import ticket_triage
from apps.premises.tests.factories import TicketFactory


@pytest.fixture(autouse=True)
def _english(org):
    User.objects.update(language="en")


@pytest.fixture
def ticket(org):
    return TicketFactory(site=org.site, reporter=org.staff, place="Hall")


def _offered(client, ticket) -> set[str]:
    form = client.get(reverse("premises:ticket_detail", args=[ticket.pk])).context["triage_form"]
    return {str(user) for user in form.fields["assignee"].queryset}


def test_the_triage_form_offers_only_office_managers_and_handlers(org, client_for, ticket):
    client = client_for(org.office_manager)
    assert _offered(client, ticket) == {str(org.office_manager)}
    UserFactory(email="gone@test.fr", first_name="Gone", last_name="Handler", is_active=False).groups.add(
        *org.office_manager.groups.all()
    )
    assert _offered(client, ticket) == {str(org.office_manager)}  # not the deactivated one

    url = reverse("accounts:user_edit", args=[org.colleague.pk])
    page = client.get(url).content.decode()
    assert '<label class="form-check-label" for="id_ticket_handler">Handles repair tickets</label>' in page
    data = {
        "email": org.colleague.email,
        "first_name": org.colleague.first_name,
        "last_name": org.colleague.last_name,
        "language": "en",
        "team": org.colleague.team_id,
        "site": org.site.pk,
        "is_active": "on",
        "ticket_handler": "on",
    }
    assert client.post(url, data).status_code == 302
    assert User.objects.get(pk=org.colleague.pk).is_ticket_handler
    assert _offered(client, ticket) == {str(org.office_manager), str(org.colleague)}
    assert client.get(url).context["form"].initial["ticket_handler"] is True


def test_someone_who_handles_no_ticket_is_refused_with_a_message(org, client_for, ticket):
    client = client_for(org.office_manager)
    response = client.post(
        reverse("premises:ticket_triage", args=[ticket.pk]), {"urgency": "normal", "assignee": org.staff.pk}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    with pytest.raises(ValidationError, match="does not handle repair tickets"):
        ticket_triage(ticket=ticket, by=org.office_manager, assignee=org.staff)
    ticket.refresh_from_db()
    assert ticket.assignee is None and not TicketEvent.objects.exists()


@pytest.mark.usefixtures("colleague_handles_tickets")
def test_a_handler_who_stops_handling_keeps_the_tickets_already_theirs(org, ticket, client_for):
    ticket_triage(ticket=ticket, by=org.office_manager, assignee=org.colleague)
    org.colleague.groups.clear()
    org.colleague.__dict__.pop("group_names", None)
    assert str(org.colleague) in _offered(client_for(org.office_manager), ticket)  # still shown in charge
    # Changing something else on the ticket does not fail on the person already in charge.
    ticket_triage(ticket=ticket, by=org.office_manager, assignee=org.colleague, supplier="Martin")
    ticket.refresh_from_db()
    assert (ticket.assignee, ticket.supplier) == (org.colleague, "Martin")
