"""The client directory's pages: who may open them (the director reads, never writes), unknown ids,
wrong methods, query counts that do not grow with the data, the search and the archived filter, and
a client's history of quotes and invoices."""

import pytest
from django.urls import reverse

from apps.quotes.models import InvoiceKind
from apps.quotes.tests.factories_clients import (
    VALID_SIRET,
    ClientContactFactory,
    ClientFactory,
    HistoryInvoiceFactory,
    HistoryQuoteFactory,
)
from apps.quotes.views.clients import route_exists

pytestmark = pytest.mark.django_db

READ_PAGES = ["quotes:client_detail"]
WRITE_PAGES = ["quotes:client_edit", "quotes:client_contact_create"]
POSTS = ["quotes:client_archive", "quotes:client_restore", "quotes:client_delete"]


def make_clients(n, by):
    clients = []
    for _ in range(n):
        client = ClientFactory()
        ClientContactFactory(client=client, is_primary=True)
        ClientContactFactory(client=client)
        HistoryQuoteFactory(client=client, created_by=by)
        clients.append(client)
    return clients


def test_the_office_manager_opens_every_page(org, client_for):
    client = ClientFactory()
    contact = ClientContactFactory(client=client)
    http = client_for(org.office_manager)
    assert http.get(reverse("quotes:client_list")).status_code == 200
    assert http.get(reverse("quotes:client_create")).status_code == 200
    for name in READ_PAGES + WRITE_PAGES:
        assert http.get(reverse(name, args=[client.pk])).status_code == 200
    assert http.get(reverse("quotes:client_contact_edit", args=[client.pk, contact.pk])).status_code == 200


def test_the_director_reads_the_list_and_a_client_but_every_write_is_403(org, client_for):
    client = ClientFactory()
    contact = ClientContactFactory(client=client)
    http = client_for(org.director)
    assert http.get(reverse("quotes:client_list")).status_code == 200
    assert http.get(reverse("quotes:client_detail", args=[client.pk])).status_code == 200
    assert http.get(reverse("quotes:client_create")).status_code == 403
    assert (
        http.post(reverse("quotes:client_create"), {"kind": "company", "name": "X", "country": "FR"}).status_code == 403
    )
    for name in WRITE_PAGES + POSTS:
        assert http.post(reverse(name, args=[client.pk]), {"name": "Renamed", "kind": "company"}).status_code == 403
    for name in ("quotes:client_contact_edit", "quotes:client_contact_delete"):
        assert http.post(reverse(name, args=[client.pk, contact.pk]), {"name": "Renamed"}).status_code == 403
    client.refresh_from_db()
    assert not client.is_archived and client.name != "Renamed"
    assert client.contacts.get().name == contact.name


def test_the_director_sees_no_write_button(org, client_for):
    client = ClientFactory()
    ClientContactFactory(client=client)
    http = client_for(org.director)
    listing = http.get(reverse("quotes:client_list")).content.decode()
    page = http.get(reverse("quotes:client_detail", args=[client.pk])).content.decode()
    assert 'data-testid="new-client"' not in listing
    for marker in (
        "client-actions",
        'data-testid="edit"',
        "add-contact",
        reverse("quotes:client_archive", args=[client.pk]),
    ):
        assert marker not in page
    assert client.contacts.get().name in page


def test_staff_and_managers_get_403_and_anonymous_the_login_page(org, client_for, client):
    record = ClientFactory()
    response = client.get(reverse("quotes:client_list"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    for user in (org.staff, org.manager):
        http = client_for(user)
        assert http.get(reverse("quotes:client_list")).status_code == 403
        assert http.get(reverse("quotes:client_create")).status_code == 403
        for name in READ_PAGES + WRITE_PAGES:
            assert http.get(reverse(name, args=[record.pk])).status_code == 403
        for name in POSTS:
            assert http.post(reverse(name, args=[record.pk])).status_code == 403


def test_unknown_ids_and_another_clients_contact_are_404(org, client_for):
    client, other = ClientFactory(), ClientFactory()
    contact_of_other = ClientContactFactory(client=other)
    http = client_for(org.office_manager)
    for name in READ_PAGES + WRITE_PAGES:
        assert http.get(reverse(name, args=[other.pk + 1000])).status_code == 404
    for name in POSTS:
        assert http.post(reverse(name, args=[other.pk + 1000])).status_code == 404
    assert http.get(reverse("quotes:client_contact_edit", args=[client.pk, contact_of_other.pk])).status_code == 404
    assert http.post(reverse("quotes:client_contact_delete", args=[client.pk, contact_of_other.pk])).status_code == 404
    assert other.contacts.count() == 1
    assert client_for(org.director).get(reverse("quotes:client_detail", args=[other.pk + 1000])).status_code == 404


def test_wrong_methods_are_405(org, client_for):
    client = ClientFactory()
    contact = ClientContactFactory(client=client)
    http = client_for(org.office_manager)
    for name in POSTS:
        assert http.get(reverse(name, args=[client.pk])).status_code == 405
    assert http.get(reverse("quotes:client_contact_delete", args=[client.pk, contact.pk])).status_code == 405
    assert http.post(reverse("quotes:client_list")).status_code == 405
    assert http.post(reverse("quotes:client_detail", args=[client.pk])).status_code == 405
    assert http.put(reverse("quotes:client_edit", args=[client.pk])).status_code == 405


def test_the_list_costs_the_same_queries_for_3_or_60_clients(org, client_for, django_assert_max_num_queries):
    http = client_for(org.office_manager)
    make_clients(3, org.office_manager)
    with django_assert_max_num_queries(8):
        http.get(reverse("quotes:client_list"))
    make_clients(57, org.office_manager)
    for query in ("", "?q=Lyon&status=all", "?page=2", "?q=356"):
        with django_assert_max_num_queries(8):
            assert http.get(reverse("quotes:client_list") + query).status_code == 200
    first, second = (http.get(reverse("quotes:client_list"), {"page": n}).context["page"] for n in (1, 2))
    assert (len(first.object_list), len(second.object_list), first.paginator.count) == (50, 10, 60)


def test_a_clients_page_costs_a_fixed_number_of_queries(org, client_for, django_assert_max_num_queries):
    client = make_clients(1, org.office_manager)[0]
    for _ in range(30):
        ClientContactFactory(client=client)
        HistoryQuoteFactory(client=client, created_by=org.office_manager)
        HistoryInvoiceFactory(client=client, created_by=org.office_manager)
    for user in (org.office_manager, org.director):
        http = client_for(user)
        with django_assert_max_num_queries(12):
            response = http.get(reverse("quotes:client_detail", args=[client.pk]))
        assert response.status_code == 200
    http = client_for(org.office_manager)
    with django_assert_max_num_queries(8):
        assert http.get(reverse("quotes:client_edit", args=[client.pk])).status_code == 200


def test_the_search_finds_a_client_by_name_siren_siret_city_or_contact(org, client_for):
    wanted = ClientFactory(name="Menuiserie Favre", siret=VALID_SIRET, siren=VALID_SIRET[:9], city="Villeurbanne")
    ClientContactFactory(client=wanted, name="Hélène Dumas", email="helene@favre.example")
    ClientFactory(name="Autre client", city="Lyon")
    http = client_for(org.office_manager)
    for query in ("menuiserie", "356 000 000", "35600000000048", "villeur", "Dumas", "helene@favre"):
        page = http.get(reverse("quotes:client_list"), {"q": query}).content.decode()
        assert "Menuiserie Favre" in page and "Autre client" not in page, query


def test_archived_clients_are_listed_only_when_asked(org, client_for):
    ClientFactory(name="Client courant")
    ClientFactory(name="Client archivé", is_archived=True)
    http = client_for(org.office_manager)
    current = http.get(reverse("quotes:client_list")).content.decode()
    archived = http.get(reverse("quotes:client_list"), {"status": "archived"}).content.decode()
    everyone = http.get(reverse("quotes:client_list"), {"status": "all"}).content.decode()
    assert "Client courant" in current and "Client archivé" not in current
    assert "Client archivé" in archived and "Client courant" not in archived
    assert "Client archivé" in everyone and "Client courant" in everyone


@pytest.mark.parametrize(
    "query", ["?page=999999999999999999999", "?page=-3", "?page=abc", "?status=<b>", "?q=" + "x" * 500]
)
def test_odd_query_strings_never_break_the_list(org, client_for, query):
    ClientFactory()
    assert client_for(org.office_manager).get(reverse("quotes:client_list") + query).status_code == 200


def test_the_search_answers_htmx_with_the_rows_only(org, client_for):
    ClientFactory(name="Menuiserie Favre")
    response = client_for(org.office_manager).get(reverse("quotes:client_list"), {"q": "Favre"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "Menuiserie Favre" in page and "<html" not in page


def test_a_clients_page_shows_its_quotes_and_invoices_newest_first(org, client_for):
    client = ClientFactory()
    other = ClientFactory()
    HistoryQuoteFactory(client=client, created_by=org.office_manager, subject="Ancien devis")
    HistoryQuoteFactory(client=client, created_by=org.office_manager, subject="Nouveau devis")
    HistoryQuoteFactory(client=other, created_by=org.office_manager, subject="Devis d'un autre")
    HistoryInvoiceFactory(
        client=client, created_by=org.office_manager, subject="Acompte hall", kind=InvoiceKind.DEPOSIT
    )
    page = client_for(org.director).get(reverse("quotes:client_detail", args=[client.pk])).content.decode()
    assert page.index("Nouveau devis") < page.index("Ancien devis")
    assert "Devis d'un autre" not in page
    assert "Acompte hall" in page and "Deposit invoice" in page
    assert "1,000.00 €" in page or "1 000,00 €" in page or "1000.00 €" in page


def test_history_rows_link_to_the_quote_and_invoice_pages_when_they_exist(org, client_for):
    client = ClientFactory()
    quote = HistoryQuoteFactory(client=client, created_by=org.office_manager)
    invoice = HistoryInvoiceFactory(client=client, created_by=org.office_manager)
    page = client_for(org.office_manager).get(reverse("quotes:client_detail", args=[client.pk])).content.decode()
    if route_exists("quotes:quote_detail"):
        assert f'href="{quote.get_absolute_url()}"' in page
    if route_exists("quotes:invoice_detail"):
        assert f'href="{invoice.get_absolute_url()}"' in page
    assert quote.subject in page and invoice.subject in page


def test_the_new_quote_button_names_the_client_and_is_not_offered_for_an_archived_one(org, client_for):
    client = ClientFactory()
    archived = ClientFactory(is_archived=True)
    http = client_for(org.office_manager)
    page = http.get(reverse("quotes:client_detail", args=[client.pk])).content.decode()
    if route_exists("quotes:quote_create"):
        assert f"{reverse('quotes:quote_create')}?client={client.pk}" in page
    else:
        assert 'data-testid="new-quote"' not in page
    assert (
        'data-testid="new-quote"' not in http.get(reverse("quotes:client_detail", args=[archived.pk])).content.decode()
    )
    assert (
        'data-testid="new-quote"'
        not in client_for(org.director).get(reverse("quotes:client_detail", args=[client.pk])).content.decode()
    )


def test_hostile_text_is_shown_as_text(org, client_for):
    client = ClientFactory(name="<script>alert(1)</script>", notes="<img src=x onerror=alert(1)>")
    http = client_for(org.office_manager)
    for url in (reverse("quotes:client_list"), reverse("quotes:client_detail", args=[client.pk])):
        page = http.get(url).content.decode()
        assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
        assert "&lt;script&gt;" in page
