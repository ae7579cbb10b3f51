"""A supplier's contacts: added, edited, removed; one of them at most receives the purchase orders."""

import uuid

import pytest
from django.urls import reverse

from apps.suppliers.models import Contact
from apps.suppliers.tests.factories import ContactFactory, SupplierFactory

pytestmark = pytest.mark.django_db

CONTACT = {"name": "Julie Bernard", "role": "ADV", "email": "julie@fournisseur.fr", "phone": "04 72 11 22 33"}


def test_adding_a_contact_who_receives_orders_takes_it_from_the_previous_one(org, client_for):
    supplier = SupplierFactory()
    previous = ContactFactory(supplier=supplier, is_orders_contact=True)
    client = client_for(org.office_manager)
    response = client.post(
        reverse("suppliers:contact_create", args=[supplier.pk]),
        {**CONTACT, "is_orders_contact": "on", "token": str(uuid.uuid4())},
    )
    assert response.status_code == 302
    previous.refresh_from_db()
    assert not previous.is_orders_contact
    assert Contact.objects.get(name="Julie Bernard").is_orders_contact
    assert supplier.contacts.filter(is_orders_contact=True).count() == 1


def test_the_same_contact_form_sent_twice_adds_one_contact(org, client_for):
    supplier = SupplierFactory()
    client = client_for(org.office_manager)
    data = {**CONTACT, "token": str(uuid.uuid4())}
    for _ in range(2):
        assert client.post(reverse("suppliers:contact_create", args=[supplier.pk]), data).status_code == 302
    assert supplier.contacts.count() == 1


def test_a_bad_email_is_the_fields_error(org, client_for):
    supplier = SupplierFactory()
    response = client_for(org.office_manager).post(
        reverse("suppliers:contact_create", args=[supplier.pk]), {**CONTACT, "email": "not an email"}
    )
    assert "email" in response.context["form"].errors
    assert not supplier.contacts.exists()


def test_editing_and_removing_a_contact(org, client_for):
    contact = ContactFactory(is_orders_contact=False)
    client = client_for(org.office_manager)
    url = reverse("suppliers:contact_edit", args=[contact.supplier_id, contact.pk])
    assert CONTACT["name"] not in client.get(url).content.decode()
    assert client.post(url, {**CONTACT, "is_orders_contact": "on"}).status_code == 302
    contact.refresh_from_db()
    assert (contact.name, contact.is_orders_contact) == ("Julie Bernard", True)
    client.post(reverse("suppliers:contact_delete", args=[contact.supplier_id, contact.pk]))
    assert not Contact.objects.filter(pk=contact.pk).exists()


def test_another_suppliers_contact_is_not_found(org, client_for):
    contact = ContactFactory()
    other = SupplierFactory()
    client = client_for(org.office_manager)
    assert client.get(reverse("suppliers:contact_edit", args=[other.pk, contact.pk])).status_code == 404
    assert client.post(reverse("suppliers:contact_delete", args=[other.pk, contact.pk])).status_code == 404
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_staff_cannot_touch_contacts(org, client_for):
    contact = ContactFactory()
    client = client_for(org.staff)
    assert client.get(reverse("suppliers:contact_edit", args=[contact.supplier_id, contact.pk])).status_code == 403
    assert client.post(reverse("suppliers:contact_delete", args=[contact.supplier_id, contact.pk])).status_code == 403
    assert Contact.objects.filter(pk=contact.pk).exists()
