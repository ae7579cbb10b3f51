"""The directory's pages: who may open them, query counts that do not grow with the data, the search
and filters, page numbers from the outside world, and the compliance flags shown from their selector."""

import pytest
from django.urls import reverse

from apps.suppliers.models import SupplierCategory
from apps.suppliers.selectors import compliance
from apps.suppliers.tests.factories import (
    VALID_SIREN,
    VALID_SIRET,
    ContactFactory,
    InteractionFactory,
    RatingFactory,
    SupplierFactory,
)

pytestmark = pytest.mark.django_db


def make_suppliers(n, by):
    suppliers = []
    for i in range(n):
        supplier = SupplierFactory(categories=[SupplierCategory.SUPPLIES, SupplierCategory.IT])
        ContactFactory(supplier=supplier)
        ContactFactory(supplier=supplier, is_orders_contact=False)
        RatingFactory(supplier=supplier, by=by, quality=1 + i % 5)
        InteractionFactory(supplier=supplier, by=by, follow_up_on=supplier.created_at.date())
        suppliers.append(supplier)
    return suppliers


@pytest.mark.parametrize("name", ["suppliers:list", "suppliers:create"])
def test_staff_managers_and_the_director_get_403(org, client_for, name):
    for user in (org.staff, org.manager, org.director):
        assert client_for(user).get(reverse(name)).status_code == 403


def test_pages_of_one_supplier_refuse_other_roles_and_unknown_ids(org, client_for):
    supplier = SupplierFactory()
    names = ["suppliers:detail", "suppliers:edit", "suppliers:contact_create", "suppliers:log", "suppliers:ratings"]
    for name in names:
        assert client_for(org.staff).get(reverse(name, args=[supplier.pk])).status_code == 403
        assert client_for(org.office_manager).get(reverse(name, args=[supplier.pk])).status_code == 200
        assert client_for(org.office_manager).get(reverse(name, args=[supplier.pk + 1000])).status_code == 404
    for name in ("suppliers:archive", "suppliers:restore", "suppliers:delete"):
        assert client_for(org.office_manager).get(reverse(name, args=[supplier.pk])).status_code == 405
        assert client_for(org.staff).post(reverse(name, args=[supplier.pk])).status_code == 403
    supplier.refresh_from_db()
    assert supplier.is_active


def test_anonymous_goes_to_the_login_page(client):
    response = client.get(reverse("suppliers:list"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_list_costs_the_same_queries_for_3_or_60_suppliers(org, client_for, django_assert_max_num_queries):
    client = client_for(org.office_manager)
    make_suppliers(3, org.office_manager)
    with django_assert_max_num_queries(8):
        client.get(reverse("suppliers:list"))
    make_suppliers(57, org.office_manager)
    for query in ("", "?sort=overall", "?q=Lyon&category=it&status=all"):
        with django_assert_max_num_queries(8):
            response = client.get(reverse("suppliers:list") + query)
        assert response.status_code == 200


def test_a_suppliers_pages_cost_a_fixed_number_of_queries(org, client_for, django_assert_max_num_queries):
    client = client_for(org.office_manager)
    supplier = make_suppliers(1, org.office_manager)[0]
    for _ in range(20):
        ContactFactory(supplier=supplier, is_orders_contact=False)
        RatingFactory(supplier=supplier, by=org.office_manager)
        InteractionFactory(supplier=supplier, by=org.office_manager, contact=supplier.contacts.first())
    budgets = {"suppliers:detail": 12, "suppliers:log": 8, "suppliers:ratings": 8, "suppliers:edit": 6}
    for name, budget in budgets.items():
        with django_assert_max_num_queries(budget):
            assert client.get(reverse(name, args=[supplier.pk])).status_code == 200


def test_search_by_name_siret_city_and_contact(org, client_for):
    target = SupplierFactory(name="Nettoyage Pro", siret=VALID_SIRET, siren=VALID_SIREN, city="Villeurbanne")
    ContactFactory(supplier=target, name="Amandine Roux", email="a.roux@nettoyage.fr")
    SupplierFactory(name="Autre", city="Paris")
    client = client_for(org.office_manager)
    for query in ("nettoyage", "356 000 000", "35600000000048", "villeur", "Amandine", "a.roux@"):
        found = list(client.get(reverse("suppliers:list"), {"q": query}).context["page"].object_list)
        assert found == [target], query


def test_category_filter_and_htmx_partial(org, client_for):
    cleaning = SupplierFactory(name="Propre", categories=[SupplierCategory.CLEANING])
    SupplierFactory(name="Papier")
    client = client_for(org.office_manager)
    response = client.get(reverse("suppliers:list"), {"category": "cleaning"}, HTTP_HX_REQUEST="true")
    assert list(response.context["page"].object_list) == [cleaning]
    assert "<html" not in response.content.decode()


@pytest.mark.parametrize("page", ["999999999999999999999999", "-3", "abc", "1e9", ""])
def test_page_numbers_from_outside_never_fail(org, client_for, page):
    SupplierFactory()
    response = client_for(org.office_manager).get(reverse("suppliers:list"), {"page": page})
    assert response.status_code == 200


def test_hostile_search_text_is_harmless(org, client_for):
    response = client_for(org.office_manager).get(reverse("suppliers:list"), {"q": "<script>x</script>' OR 1=1 --"})
    assert response.status_code == 200 and "<script>x" not in response.content.decode()


def test_compliance_flags_are_shown_on_the_list_and_the_page(org, client_for, monkeypatch):
    supplier = SupplierFactory(name="Sans attestation")
    calls = []

    def flags(ids, today=None):
        calls.append(list(ids))
        return {pk: ["vigilance_missing"] for pk in ids}

    monkeypatch.setattr(compliance, "compliance_flags", flags)
    monkeypatch.setattr(compliance, "FLAG_LABELS", {"vigilance_missing": "Certificate of vigilance missing"})
    client = client_for(org.office_manager)
    for url in (reverse("suppliers:list"), reverse("suppliers:detail", args=[supplier.pk])):
        assert "Certificate of vigilance missing" in client.get(url).content.decode()
    assert calls == [[supplier.pk], [supplier.pk]]


def test_the_tabs_link_to_every_page_of_the_supplier(org, client_for):
    supplier = SupplierFactory()
    page = client_for(org.office_manager).get(reverse("suppliers:detail", args=[supplier.pk])).content.decode()
    for name in ("documents", "contracts", "log", "ratings"):
        assert reverse(f"suppliers:{name}", args=[supplier.pk]) in page
