"""A client's contacts (one receives the quotes and invoices), archiving and deleting a client (never
one with a quote or an invoice), and the choices the quote editor gets from the selectors."""

import pytest
from django.urls import reverse

from apps.quotes.models import Client, ClientContact
from apps.quotes.selectors.clients import client_choices, contacts_of
from apps.quotes.tests.factories_clients import (
    ClientContactFactory,
    ClientFactory,
    HistoryInvoiceFactory,
    HistoryQuoteFactory,
)

pytestmark = pytest.mark.django_db


def add_contact(http, client, **fields):
    data = {"name": "Hélène Dumas", "role": "Achats", "email": "helene@favre.example", "phone": "0600000000"}
    data.update(fields)
    return http.post(reverse("quotes:client_contact_create", args=[client.pk]), data)


def test_the_first_contact_receives_the_quotes_and_choosing_another_moves_it(org, client_for):
    client = ClientFactory()
    http = client_for(org.office_manager)
    assert add_contact(http, client, name="Première").status_code == 302
    assert add_contact(http, client, name="Deuxième").status_code == 302
    assert list(client.contacts.filter(is_primary=True).values_list("name", flat=True)) == ["Première"]
    second = client.contacts.get(name="Deuxième")
    url = reverse("quotes:client_contact_edit", args=[client.pk, second.pk])
    assert http.post(url, {"name": "Deuxième", "is_primary": "on"}).status_code == 302
    assert list(client.contacts.filter(is_primary=True).values_list("name", flat=True)) == ["Deuxième"]
    page = http.get(client.get_absolute_url()).content.decode()
    assert page.count('data-testid="primary-contact"') == 1


@pytest.mark.parametrize(
    "fields", [{"name": ""}, {"email": "pas-une-adresse"}, {"name": "x" * 151}, {"phone": "0" * 31}]
)
def test_a_bad_contact_gets_a_field_error_and_nothing_is_saved(org, client_for, fields):
    client = ClientFactory()
    response = add_contact(client_for(org.office_manager), client, **fields)
    assert response.status_code == 200 and response.context["form"].errors
    assert not client.contacts.exists()


def test_removing_a_contact_keeps_the_others(org, client_for):
    client = ClientFactory()
    primary = ClientContactFactory(client=client, is_primary=True)
    other = ClientContactFactory(client=client)
    http = client_for(org.office_manager)
    response = http.post(reverse("quotes:client_contact_delete", args=[client.pk, primary.pk]), follow=True)
    assert response.status_code == 200
    assert list(client.contacts.all()) == [other]
    assert 'data-testid="no-primary"' in response.content.decode()


def test_archiving_and_restoring_a_client(org, client_for):
    client = ClientFactory()
    http = client_for(org.office_manager)
    assert http.post(reverse("quotes:client_archive", args=[client.pk])).status_code == 302
    client.refresh_from_db()
    assert client.is_archived
    assert client not in client_choices(org.office_manager)
    assert http.post(reverse("quotes:client_archive", args=[client.pk])).status_code == 302  # twice: no harm
    assert http.post(reverse("quotes:client_restore", args=[client.pk])).status_code == 302
    client.refresh_from_db()
    assert not client.is_archived and client in client_choices(org.office_manager)


def test_a_client_with_nothing_issued_to_it_may_be_deleted(org, client_for):
    client = ClientFactory()
    ClientContactFactory(client=client)
    http = client_for(org.office_manager)
    assert 'data-testid="delete"' in http.get(client.get_absolute_url()).content.decode()
    response = http.post(reverse("quotes:client_delete", args=[client.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("quotes:client_list")
    assert not Client.objects.exists() and not ClientContact.objects.exists()


@pytest.mark.parametrize("factory", [HistoryQuoteFactory, HistoryInvoiceFactory])
def test_a_client_with_a_quote_or_an_invoice_is_never_deleted(org, client_for, factory):
    client = ClientFactory()
    factory(client=client, created_by=org.office_manager)
    http = client_for(org.office_manager)
    assert 'data-testid="delete"' not in http.get(client.get_absolute_url()).content.decode()
    response = http.post(reverse("quotes:client_delete", args=[client.pk]), follow=True)
    assert response.status_code == 200
    assert "archive the client instead" in response.content.decode()
    assert Client.objects.filter(pk=client.pk).exists()


def test_client_choices_are_the_clients_not_archived_for_the_office_manager_only(org):
    current = ClientFactory(name="B courant")
    ClientFactory(name="A archivé", is_archived=True)
    assert list(client_choices(org.office_manager)) == [current]
    assert not client_choices(org.staff).exists()


def test_contacts_of_gives_the_clients_contacts_primary_first_and_nothing_to_others(org, django_assert_num_queries):
    client = ClientFactory()
    other = ClientContactFactory(client=client, name="Zoé")
    primary = ClientContactFactory(client=client, name="Yves", is_primary=True)
    ClientContactFactory()  # another client's
    assert org.office_manager.is_office_manager  # the roles are read once per request
    with django_assert_num_queries(1):
        assert list(contacts_of(org.office_manager, client)) == [primary, other]
    assert list(contacts_of(org.office_manager, client.pk)) == [primary, other]
    assert not contacts_of(org.staff, client).exists()
    assert not contacts_of(org.office_manager, client.pk + 1000).exists()


def test_the_contact_pages_cost_a_fixed_number_of_queries_and_refuse_other_methods(
    org, client_for, django_assert_max_num_queries
):
    client = ClientFactory()
    contact = ClientContactFactory(client=client)
    ClientContactFactory.create_batch(20, client=client)
    http = client_for(org.office_manager)
    urls = [
        reverse("quotes:client_contact_create", args=[client.pk]),
        reverse("quotes:client_contact_edit", args=[client.pk, contact.pk]),
    ]
    for url in urls:
        with django_assert_max_num_queries(7):
            assert http.get(url).status_code == 200
        assert http.put(url).status_code == 405
    with django_assert_max_num_queries(14):
        assert http.post(urls[1], {"name": "Renommé", "is_primary": "on"}).status_code == 302
