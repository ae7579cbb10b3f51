"""The supplier form and services: identifiers checked with python-stdnum and stored compact, duplicates
refused with a link to the other supplier, the same form sent twice saving once, archive vs delete."""

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.core.tests.races import rival_saves_after_first_check
from apps.purchasing.tests.factories import PurchaseOrderFactory, SupplierInvoiceFactory
from apps.suppliers.models import Supplier, SupplierCategoryTag
from apps.suppliers.services import directory as services
from apps.suppliers.tests.factories import (
    VALID_IBAN,
    VALID_SIREN,
    VALID_SIRET,
    VALID_VAT,
    ComplianceDocumentFactory,
    ContractFactory,
    InteractionFactory,
    RatingFactory,
    SupplierFactory,
)

pytestmark = pytest.mark.django_db

OTHER_SIRET = "30326504500011"  # another company
OTHER_VAT = "FR40303265045"
SAME_COMPANY_SIRET = "35600000000051"  # another establishment of VALID_SIREN

FORM = {
    "name": "Bureau Vallée Lyon",
    "categories": ["supplies", "furniture"],
    "siret": "356 000 000 00048",
    "siren": "",
    "vat_number": "fr 39 356 000 000",
    "address": "12 rue des Lilas",
    "postal_code": "69003",
    "city": "Lyon",
    "country": "fr",
    "website": "https://www.example.fr",
    "payment_days": "30",
    "payment_terms": "30 jours fin de mois",
    "iban": "FR76 3000 6000 0112 3456 7890 189",
    "bic": "BNPAFRPP",
    "notes": "",
}


def post_create(client, **changes):
    return client.post(reverse("suppliers:create"), {**FORM, "token": str(uuid.uuid4()), **changes})


def test_office_manager_adds_a_supplier_with_identifiers_stored_compact(org, client_for):
    response = post_create(client_for(org.office_manager))
    supplier = Supplier.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("suppliers:detail", args=[supplier.pk])
    assert (supplier.siret, supplier.siren, supplier.vat_number) == (VALID_SIRET, VALID_SIREN, VALID_VAT)
    assert supplier.iban == VALID_IBAN and supplier.bic == "BNPAFRPP" and supplier.country == "FR"
    assert sorted(SupplierCategoryTag.objects.values_list("category", flat=True)) == ["furniture", "supplies"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("siret", "35600000000049", "SIRET is not valid"),
        ("siret", "1234", "SIRET is not valid"),
        ("siren", "356000001", "SIREN is not valid"),
        ("vat_number", "FR00356000000", "VAT number is not valid"),
        ("vat_number", "XX123", "VAT number is not valid"),
        ("iban", "FR7630006000011234567890188", "IBAN is not valid"),
        ("bic", "NOTABIC", "BIC is not valid"),
        ("country", "F1", "two-letter country code"),
        ("payment_days", "90", "less than or equal to 60"),
        ("payment_days", "-5", "greater than or equal to 0"),
    ],
)
def test_a_wrong_identifier_is_its_fields_error_and_nothing_is_saved(org, client_for, field, value, message):
    response = post_create(client_for(org.office_manager), **{field: value})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Supplier.objects.exists()


def test_the_siren_must_be_the_sirets_first_nine_digits(org, client_for):
    response = post_create(client_for(org.office_manager), siren="303265045")
    assert "must start with the supplier's SIREN" in " ".join(response.context["form"].errors["siret"])
    assert not Supplier.objects.exists()


def test_a_french_vat_number_must_be_the_sirens(org):
    with pytest.raises(ValidationError) as caught:
        services.supplier_create(by=org.office_manager, name="X", siret=VALID_SIRET, vat_number=OTHER_VAT)
    assert "vat_number" in caught.value.error_dict


def test_a_duplicate_siret_is_refused_with_a_link_to_the_other_supplier(org, client_for):
    other = SupplierFactory(name="Déjà là", siret=VALID_SIRET, siren=VALID_SIREN, is_active=False)
    response = post_create(client_for(org.office_manager), vat_number="")
    assert response.status_code == 200
    assert "“Déjà là” already has this SIRET" in " ".join(response.context["form"].errors["siret"])
    assert reverse("suppliers:detail", args=[other.pk]) in response.content.decode()
    assert Supplier.objects.count() == 1


def test_a_duplicate_vat_number_is_refused_and_explained(org, client_for):
    SupplierFactory(name="Siège", vat_number=VALID_VAT)
    response = post_create(client_for(org.office_manager), siret=SAME_COMPANY_SIRET)
    errors = " ".join(response.context["form"].errors["vat_number"])
    assert "already has this VAT number" in errors and "leave the VAT number empty" in errors
    assert Supplier.objects.count() == 1


def test_another_establishment_of_the_same_company_is_allowed_and_shown(org, client_for):
    first = SupplierFactory(name="La Poste Lyon", siret=VALID_SIRET, siren=VALID_SIREN)
    client = client_for(org.office_manager)
    response = post_create(client, name="La Poste Paris", siret=SAME_COMPANY_SIRET, vat_number="")
    second = Supplier.objects.get(name="La Poste Paris")
    assert response.status_code == 302 and second.siren == VALID_SIREN
    page = client.get(reverse("suppliers:detail", args=[first.pk])).content.decode()
    assert reverse("suppliers:detail", args=[second.pk]) in page


def test_a_duplicate_saved_in_a_race_is_the_same_field_error(org):
    SupplierFactory(name="Winner", siret=VALID_SIRET, siren=VALID_SIREN)
    supplier = Supplier(name="Loser", siret=VALID_SIRET, siren=VALID_SIREN)
    # The check passed before the winner committed: the database refuses, the error is the check's.
    with (
        pytest.raises(ValidationError) as caught,
        services.unique_or(lambda: services.check_identifiers_free(supplier)),
    ):
        supplier.save()
    assert "siret" in caught.value.error_dict


def test_the_same_form_sent_twice_adds_one_supplier(org, client_for):
    client = client_for(org.office_manager)
    data = {**FORM, "siret": "", "vat_number": "", "token": str(uuid.uuid4())}
    first = client.post(reverse("suppliers:create"), data)
    second = client.post(reverse("suppliers:create"), data)
    supplier = Supplier.objects.get()
    assert first["Location"] == second["Location"] == reverse("suppliers:detail", args=[supplier.pk])


def test_editing_keeps_its_own_identifiers_and_shows_the_full_iban_only_in_the_form(org, client_for):
    supplier = SupplierFactory(siret=VALID_SIRET, siren=VALID_SIREN, vat_number=VALID_VAT, iban=VALID_IBAN)
    client = client_for(org.office_manager)
    form_page = client.get(reverse("suppliers:edit", args=[supplier.pk])).content.decode()
    assert VALID_IBAN in form_page
    response = client.post(
        reverse("suppliers:edit", args=[supplier.pk]), {**FORM, "name": "Renamed", "categories": ["it"]}
    )
    assert response.status_code == 302
    supplier.refresh_from_db()
    assert supplier.name == "Renamed"
    assert list(supplier.category_tags.values_list("category", flat=True)) == ["it"]
    detail = client.get(reverse("suppliers:detail", args=[supplier.pk])).content.decode()
    assert "FR76 •••• •••• 0189" in detail and VALID_IBAN not in detail
    listing = client.get(reverse("suppliers:list")).content.decode()
    assert VALID_IBAN not in listing and "0189" not in listing


def test_iban_masked_keeps_the_country_the_check_digits_and_the_last_four():
    assert Supplier(iban=VALID_IBAN).iban_masked == "FR76 •••• •••• 0189"
    assert Supplier(iban="").iban_masked == ""


def test_archive_and_restore_are_idempotent(org, client_for):
    supplier = SupplierFactory()
    client = client_for(org.office_manager)
    for _ in range(2):
        assert client.post(reverse("suppliers:archive", args=[supplier.pk])).status_code == 302
    supplier.refresh_from_db()
    assert not supplier.is_active
    assert supplier not in client.get(reverse("suppliers:list")).context["page"].object_list
    assert supplier in client.get(reverse("suppliers:list") + "?status=archived").context["page"].object_list
    client.post(reverse("suppliers:restore", args=[supplier.pk]))
    supplier.refresh_from_db()
    assert supplier.is_active


def test_a_supplier_with_records_cannot_be_deleted_only_archived(org, client_for):
    with_contract = SupplierFactory(name="Nettoyage Pro")
    ContractFactory(supplier=with_contract)
    with_document = ComplianceDocumentFactory().supplier
    client = client_for(org.office_manager)
    for supplier in (with_contract, with_document):
        response = client.post(reverse("suppliers:delete", args=[supplier.pk]), follow=True)
        text = " ".join(str(m) for m in response.context["messages"])
        assert "archive the supplier instead of deleting it" in text
        assert Supplier.objects.filter(pk=supplier.pk).exists()


def test_a_supplier_with_orders_cannot_be_deleted(org):
    order = PurchaseOrderFactory()
    with pytest.raises(ValidationError) as caught:
        services.supplier_delete(supplier=order.supplier, by=org.office_manager)
    assert "purchase orders" in caught.value.messages[0]
    invoice = SupplierInvoiceFactory()
    with pytest.raises(ValidationError) as caught:
        services.supplier_delete(supplier=invoice.supplier, by=org.office_manager)
    assert "invoices" in caught.value.messages[0]
    assert Supplier.objects.filter(pk__in=[order.supplier_id, invoice.supplier_id]).count() == 2


def test_a_supplier_entered_by_mistake_is_deleted_with_its_contacts_log_and_ratings(org, client_for):
    supplier = SupplierFactory()
    InteractionFactory(supplier=supplier, by=org.office_manager)
    RatingFactory(supplier=supplier, by=org.office_manager)
    response = client_for(org.office_manager).post(reverse("suppliers:delete", args=[supplier.pk]))
    assert response["Location"] == reverse("suppliers:list")
    assert not Supplier.objects.exists()


def test_only_an_office_manager_may_write(org):
    supplier = SupplierFactory()
    for user in (org.staff, org.director, org.manager):
        with pytest.raises(PermissionDenied):
            services.supplier_create(by=user, name="X")
        with pytest.raises(PermissionDenied):
            services.supplier_delete(supplier=supplier, by=user)
    assert Supplier.objects.count() == 1


def test_hostile_text_is_shown_as_text(org, client_for):
    hostile = '<script>alert("x")</script>{{ 7*7 }}'
    client = client_for(org.office_manager)
    post_create(client, name=hostile, notes=hostile, siret="", vat_number="")
    supplier = Supplier.objects.get()
    for url in (reverse("suppliers:detail", args=[supplier.pk]), reverse("suppliers:list")):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "&lt;script&gt;alert" in page and "{{ 7*7 }}" in page


def test_a_javascript_website_is_refused(org, client_for):
    response = post_create(client_for(org.office_manager), website="javascript:alert(1)")
    assert "website" in response.context["form"].errors
    assert not Supplier.objects.exists()


def test_the_same_form_saved_at_the_same_moment_adds_one_supplier(org, client_for, monkeypatch):
    token = uuid.uuid4()
    rival_saves_after_first_check(
        monkeypatch, Supplier, lambda: Supplier.objects.create(name="Rival", submission_token=token)
    )
    client = client_for(org.office_manager)
    response = client.post(reverse("suppliers:create"), {**FORM, "siret": "", "vat_number": "", "token": str(token)})
    # The rival's row was written in this request's transaction (one thread), so it is rolled back with
    # it; in two real requests it is committed and the view sends this one to it.
    assert response.status_code == 200
    assert "already been added to the directory" in " ".join(response.context["form"].non_field_errors())


def test_a_siret_saved_at_the_same_moment_is_the_sirets_error(org, client_for, monkeypatch):
    rival_saves_after_first_check(
        monkeypatch, Supplier, lambda: Supplier.objects.create(name="Rival", siret=VALID_SIRET, siren=VALID_SIREN)
    )
    response = post_create(client_for(org.office_manager), vat_number="")
    assert response.status_code == 200
    assert "already has this SIRET" in " ".join(response.context["form"].errors["siret"])
