"""The catalogue of services and products: the office manager adds, edits and stops offering entries;
the director reads the list (writes: 403, no write buttons); bad input gets field errors with nothing
saved; the list and the editor's selector cost a fixed number of queries."""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.quotes.models import CatalogueEntry
from apps.quotes.selectors.catalogue import active_entries
from apps.quotes.tests.factories_clients import CatalogueEntryFactory

pytestmark = pytest.mark.django_db


def entry_data(**fields):
    data = {
        "kind": "service",
        "name": "Audit énergétique",
        "description": "Visite et rapport",
        "unit": "jour",
        "unit_price": "850.50",
        "vat_rate": "20.00",
    }
    data.update(fields)
    return data


def test_the_office_manager_adds_an_entry(org, client_for):
    response = client_for(org.office_manager).post(reverse("quotes:catalogue_create"), entry_data(vat_rate="5.50"))
    assert response.status_code == 302
    entry = CatalogueEntry.objects.get()
    assert (entry.name, entry.unit_price, entry.vat_rate, entry.is_active) == (
        "Audit énergétique",
        Decimal("850.50"),
        Decimal("5.50"),
        True,
    )


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": ""}, "name"),
        ({"unit_price": "-1"}, "unit_price"),
        ({"unit_price": "100000000"}, "unit_price"),
        ({"unit_price": "1.005"}, "unit_price"),
        ({"unit_price": "abc"}, "unit_price"),
        ({"unit_price": "NaN"}, "unit_price"),
        ({"vat_rate": "7.00"}, "vat_rate"),
        ({"vat_rate": "x"}, "vat_rate"),
        ({"kind": "spaceship"}, "kind"),
        ({"unit": "x" * 21}, "unit"),
        ({"description": "x" * 2001}, "description"),
    ],
)
def test_bad_input_gets_a_field_error_and_saves_nothing(org, client_for, fields, field):
    response = client_for(org.office_manager).post(reverse("quotes:catalogue_create"), entry_data(**fields))
    assert response.status_code == 200 and field in response.context["form"].errors
    assert not CatalogueEntry.objects.exists()


def test_editing_an_entry_and_refusing_a_bad_change(org, client_for):
    entry = CatalogueEntryFactory()
    http = client_for(org.office_manager)
    url = reverse("quotes:catalogue_edit", args=[entry.pk])
    assert http.get(url).status_code == 200
    assert http.post(url, entry_data(name="Renommé", unit_price="12.00", vat_rate="10.00")).status_code == 302
    response = http.post(url, entry_data(name="Raté", unit_price="-5"))
    assert response.status_code == 200 and "unit_price" in response.context["form"].errors
    entry.refresh_from_db()
    assert (entry.name, entry.unit_price, entry.vat_rate) == ("Renommé", Decimal("12.00"), Decimal("10.00"))


def test_an_entry_no_longer_offered_leaves_the_editors_choices_and_comes_back(org, client_for):
    entry = CatalogueEntryFactory(name="Pose de parquet")
    http = client_for(org.office_manager)
    assert http.post(reverse("quotes:catalogue_deactivate", args=[entry.pk])).status_code == 302
    assert entry not in active_entries(org.office_manager)
    assert entry not in http.get(reverse("quotes:catalogue")).context["page"].object_list
    assert entry in http.get(reverse("quotes:catalogue"), {"status": "inactive"}).context["page"].object_list
    assert http.post(reverse("quotes:catalogue_reactivate", args=[entry.pk])).status_code == 302
    assert entry in active_entries(org.office_manager)


def test_the_director_reads_the_catalogue_but_cannot_change_it(org, client_for):
    entry = CatalogueEntryFactory(name="Pose de parquet")
    http = client_for(org.director)
    page = http.get(reverse("quotes:catalogue")).content.decode()
    assert "Pose de parquet" in page
    assert 'data-testid="new-entry"' not in page and reverse("quotes:catalogue_edit", args=[entry.pk]) not in page
    assert http.get(reverse("quotes:catalogue_create")).status_code == 403
    assert http.post(reverse("quotes:catalogue_create"), entry_data()).status_code == 403
    for name in ("quotes:catalogue_edit", "quotes:catalogue_deactivate", "quotes:catalogue_reactivate"):
        assert http.post(reverse(name, args=[entry.pk]), entry_data(name="Volé")).status_code == 403
    entry.refresh_from_db()
    assert entry.name == "Pose de parquet" and entry.is_active


def test_staff_and_managers_get_403(org, client_for):
    entry = CatalogueEntryFactory()
    for user in (org.staff, org.manager):
        http = client_for(user)
        assert http.get(reverse("quotes:catalogue")).status_code == 403
        assert http.get(reverse("quotes:catalogue_edit", args=[entry.pk])).status_code == 403
        assert http.post(reverse("quotes:catalogue_deactivate", args=[entry.pk])).status_code == 403
    assert not active_entries(org.staff).exists()


def test_unknown_ids_are_404_and_wrong_methods_405(org, client_for):
    entry = CatalogueEntryFactory()
    http = client_for(org.office_manager)
    assert http.get(reverse("quotes:catalogue_edit", args=[entry.pk + 1000])).status_code == 404
    assert http.post(reverse("quotes:catalogue_deactivate", args=[entry.pk + 1000])).status_code == 404
    assert http.get(reverse("quotes:catalogue_deactivate", args=[entry.pk])).status_code == 405
    assert http.get(reverse("quotes:catalogue_reactivate", args=[entry.pk])).status_code == 405
    assert http.post(reverse("quotes:catalogue")).status_code == 405


def test_the_search_and_the_kind_filter(org, client_for):
    CatalogueEntryFactory(name="Pose de parquet", kind="service")
    CatalogueEntryFactory(name="Lame de chêne", kind="product", description="Parquet massif")
    http = client_for(org.office_manager)
    found = http.get(reverse("quotes:catalogue"), {"q": "parquet"}).content.decode()
    assert "Pose de parquet" in found and "Lame de chêne" in found
    products = http.get(reverse("quotes:catalogue"), {"kind": "product"}).content.decode()
    assert "Lame de chêne" in products and "Pose de parquet" not in products
    assert [e.name for e in active_entries(org.office_manager, "chêne")] == ["Lame de chêne"]


def test_the_list_costs_the_same_queries_for_3_or_80_entries(org, client_for, django_assert_max_num_queries):
    http = client_for(org.office_manager)
    CatalogueEntryFactory.create_batch(3)
    with django_assert_max_num_queries(7):
        http.get(reverse("quotes:catalogue"))
    CatalogueEntryFactory.create_batch(77)
    for query in ("", "?page=2", "?q=conseil&status=all", "?page=99999999999999999999"):
        with django_assert_max_num_queries(7):
            assert http.get(reverse("quotes:catalogue") + query).status_code == 200


def test_the_entry_forms_cost_a_fixed_number_of_queries(org, client_for, django_assert_max_num_queries):
    entry = CatalogueEntryFactory()
    http = client_for(org.office_manager)
    for url in (reverse("quotes:catalogue_create"), reverse("quotes:catalogue_edit", args=[entry.pk])):
        with django_assert_max_num_queries(7):
            assert http.get(url).status_code == 200
    with django_assert_max_num_queries(10):
        assert http.post(reverse("quotes:catalogue_edit", args=[entry.pk]), entry_data()).status_code == 302
