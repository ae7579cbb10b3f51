"""Adding and editing a client: identifiers checked with python-stdnum and stored compact, the SIRET
starting with the SIREN, identifiers for companies only, a duplicate SIRET refused with a link to the
client holding it (also when two forms race), the same form sent twice adding one client, bad input
answered with field errors and nothing saved."""

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.quotes.forms import clients as client_forms
from apps.quotes.models import Client, ClientKind
from apps.quotes.services import clients as services
from apps.quotes.tests.factories_clients import OTHER_SIRET, VALID_SIREN, VALID_SIRET, VALID_VAT, ClientFactory

pytestmark = pytest.mark.django_db


def form_data(**fields):
    data = {
        "kind": "company",
        "name": "Menuiserie Favre",
        "siret": "",
        "siren": "",
        "vat_number": "",
        "address": "8 rue Garibaldi",
        "postal_code": "69006",
        "city": "Lyon",
        "country": "FR",
        "email": "contact@favre.example",
        "phone": "04 78 11 22 33",
        "payment_terms_days": "30",
        "notes": "",
        "token": str(uuid.uuid4()),
    }
    data.update(fields)
    return data


def test_a_company_is_added_with_its_identifiers_compact_and_the_siren_from_the_siret(org, client_for):
    response = client_for(org.office_manager).post(
        reverse("quotes:client_create"), form_data(siret="356 000 000 00048", vat_number="fr 39 356000000")
    )
    client = Client.objects.get()
    assert response.status_code == 302 and response["Location"] == client.get_absolute_url()
    assert (client.siret, client.siren, client.vat_number) == (VALID_SIRET, VALID_SIREN, VALID_VAT)
    assert client.kind == ClientKind.COMPANY and client.city == "Lyon"


def test_a_private_person_is_added_without_identifiers(org, client_for):
    response = client_for(org.office_manager).post(
        reverse("quotes:client_create"), form_data(kind="person", name="Jean Dupuis")
    )
    assert response.status_code == 302
    assert Client.objects.get().kind == ClientKind.PERSON


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"siret": "35600000000049"}, "siret"),
        ({"siren": "356000001"}, "siren"),
        ({"siret": OTHER_SIRET, "siren": VALID_SIREN}, "siret"),
        ({"vat_number": "FR00356000000"}, "vat_number"),
        ({"vat_number": "FR83404833048", "siren": VALID_SIREN}, "vat_number"),
        ({"kind": "person", "siret": VALID_SIRET}, "siret"),
        ({"kind": "person", "vat_number": VALID_VAT}, "vat_number"),
        ({"kind": "alien"}, "kind"),
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"payment_terms_days": "61"}, "payment_terms_days"),
        ({"payment_terms_days": "-1"}, "payment_terms_days"),
        ({"payment_terms_days": "99999999999999999999"}, "payment_terms_days"),
        ({"country": "F1"}, "country"),
        ({"country": "ÉÉ"}, "country"),
        ({"email": "not-an-address"}, "email"),
    ],
)
def test_bad_input_gets_a_field_error_and_saves_nothing(org, client_for, fields, field):
    response = client_for(org.office_manager).post(reverse("quotes:client_create"), form_data(**fields))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Client.objects.exists()


def test_a_siret_already_recorded_is_refused_with_a_link_to_that_client(org, client_for):
    holder = ClientFactory(name="Favre SARL", siret=VALID_SIRET, siren=VALID_SIREN, is_archived=True)
    response = client_for(org.office_manager).post(reverse("quotes:client_create"), form_data(siret=VALID_SIRET))
    assert response.status_code == 200
    assert "Favre SARL" in response.context["form"].errors["siret"][0]
    page = response.content.decode()
    assert f'href="{holder.get_absolute_url()}"' in page and 'data-testid="duplicate"' in page
    assert Client.objects.count() == 1


def test_editing_keeps_the_clients_own_siret_but_refuses_anothers(org, client_for):
    ClientFactory(name="Favre SARL", siret=VALID_SIRET, siren=VALID_SIREN)
    client = ClientFactory(name="Autre", siret=OTHER_SIRET, siren=OTHER_SIRET[:9])
    http = client_for(org.office_manager)
    url = reverse("quotes:client_edit", args=[client.pk])
    assert http.post(url, form_data(name="Autre renommé", siret=OTHER_SIRET)).status_code == 302
    response = http.post(url, form_data(name="Volé", siret=VALID_SIRET, siren=""))
    assert response.status_code == 200 and "siret" in response.context["form"].errors
    client.refresh_from_db()
    assert (client.name, client.siret) == ("Autre renommé", OTHER_SIRET)


def test_the_same_form_sent_twice_adds_one_client(org, client_for):
    http = client_for(org.office_manager)
    data = form_data()
    first = http.post(reverse("quotes:client_create"), data)
    second = http.post(reverse("quotes:client_create"), data)
    client = Client.objects.get()
    assert first["Location"] == second["Location"] == client.get_absolute_url()


def test_two_forms_racing_for_one_siret_end_as_the_same_field_error(org, monkeypatch):
    # The race: both passed the check before either saved. Skipping the check makes the database
    # refuse the second save; the savepoint turns that into the duplicate error, not a 500.
    ClientFactory(name="Favre SARL", siret=VALID_SIRET, siren=VALID_SIREN)
    monkeypatch.setattr(services, "_validate", lambda client: None)
    with pytest.raises(ValidationError) as caught:
        services.client_create(by=org.office_manager, kind="company", name="Copie", siret=VALID_SIRET, country="FR")
    assert "Favre SARL" in caught.value.message_dict["siret"][0]
    assert Client.objects.count() == 1


def test_a_race_lost_in_the_view_still_links_to_the_winner(org, client_for, monkeypatch):
    holder = ClientFactory(name="Favre SARL", siret=VALID_SIRET, siren=VALID_SIREN)
    real = client_forms.siret_holder
    calls = []

    def not_yet_saved_on_first_look(siret, **kwargs):
        calls.append(siret)
        return None if len(calls) == 1 else real(siret, **kwargs)

    monkeypatch.setattr(client_forms, "siret_holder", not_yet_saved_on_first_look)
    response = client_for(org.office_manager).post(reverse("quotes:client_create"), form_data(siret=VALID_SIRET))
    assert response.status_code == 200
    assert "Favre SARL" in response.context["form"].errors["siret"][0]
    assert f'href="{holder.get_absolute_url()}"' in response.content.decode()
    assert Client.objects.count() == 1


def test_the_service_refuses_anyone_but_the_office_manager(org):
    with pytest.raises(PermissionDenied):
        services.client_create(by=org.director, kind="company", name="X", country="FR")
    assert not Client.objects.exists()


def test_hostile_text_is_kept_as_text(org, client_for):
    response = client_for(org.office_manager).post(
        reverse("quotes:client_create"), form_data(name="<script>alert(1)</script>", notes="'; DROP TABLE x; --")
    )
    assert response.status_code == 302
    assert Client.objects.get().name == "<script>alert(1)</script>"
