"""The line editor's catalogue choices print the price as every other amount of the app: "1 850,00 € HT"
in French, not the database's "1850.00"."""

from decimal import Decimal

import pytest
from django.utils import translation

from apps.quotes.forms.quotes import CatalogueLineForm
from apps.quotes.tests.factories_editor import CatalogueEntryFactory

pytestmark = pytest.mark.django_db


def test_catalogue_choices_show_a_french_price(org):
    entry = CatalogueEntryFactory(name="Audit RGPD", unit_price=Decimal("1850.00"))
    with translation.override("fr"):
        form = CatalogueLineForm()
        label = form.fields["entry"].label_from_instance(entry)
    assert label.startswith("Audit RGPD · 1\u00a0850,00 €") or label.startswith("Audit RGPD · 1 850,00 €")
    assert "1850.00" not in label
