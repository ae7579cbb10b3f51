"""A new quote for a client proposes the contact who "receives quotes and invoices" (the client's page
and the contact form promise it): choosing the client, from its page or in the form, selects that
contact; a client without one leaves the contact empty."""

import re

import pytest
from django.urls import reverse

from apps.quotes.tests.factories_editor import ClientFactory, ContactFactory

pytestmark = pytest.mark.django_db


def _selected_contact(html: str) -> str | None:
    field = re.search(r'<select name="contact".*?</select>', html, re.S).group(0)
    chosen = re.search(r'<option value="(\d*)"[^>]*selected', field)
    return chosen.group(1) if chosen else None


def test_the_receiving_contact_is_proposed_for_the_chosen_client(org, client_for):
    acme = ClientFactory()
    ContactFactory(client=acme, name="Another")
    receiver = ContactFactory(client=acme, name="Receiver", is_primary=True)
    client = client_for(org.office_manager)
    page = client.get(reverse("quotes:quote_create"), {"client": acme.pk})
    assert page.context["form"].initial["contact"] == receiver.pk
    assert _selected_contact(page.content.decode()) == str(receiver.pk)
    fragment = client.get(reverse("quotes:quote_create"), {"client": acme.pk}, HTTP_HX_REQUEST="true")
    assert _selected_contact(fragment.content.decode()) == str(receiver.pk)


def test_a_client_without_a_receiving_contact_leaves_it_empty(org, client_for):
    acme = ClientFactory()
    ContactFactory(client=acme)
    page = client_for(org.office_manager).get(reverse("quotes:quote_create"), {"client": acme.pk})
    assert page.context["form"].initial["contact"] is None
    assert _selected_contact(page.content.decode()) in (None, "")
