"""The stock page's receive and adjust forms sent twice (a double click, the back button) record one
move: each form carries a one-time token."""

import re

import pytest
from django.urls import reverse

from apps.supplies.models import SiteStock, StockMove
from apps.supplies.services import stock_receive
from apps.supplies.tests.factories import CatalogueItemFactory

pytestmark = pytest.mark.django_db


def _token(client, item, form_action: str) -> str:
    page = client.get(reverse("supplies:item_stock", args=[item.pk])).content.decode()
    form = page[page.index(f'action="{form_action}"') :]
    return re.search(r'name="token" value="([^"]+)"', form).group(1)


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("supplies:stock_receive", {"quantity": "10", "note": "BL 1"}, 15),
        ("supplies:stock_adjust", {"quantity": "-2", "reason": "Cassé"}, 3),
    ],
)
def test_the_same_stock_form_sent_twice_records_one_move(org, client_for, name, data, expected):
    item = CatalogueItemFactory()
    stock_receive(item=item, site=org.site, quantity=5, by=org.office_manager)
    client = client_for(org.office_manager)
    action = reverse(name, args=[item.pk, org.site.pk])
    data = {**data, "token": _token(client, item, action)}
    first, second = client.post(action, data), client.post(action, data, follow=True)
    assert first.status_code == 302 and second.status_code == 200
    assert "already been recorded" in second.content.decode()
    assert SiteStock.objects.get(item=item, site=org.site).quantity == expected
    assert StockMove.objects.count() == 2
