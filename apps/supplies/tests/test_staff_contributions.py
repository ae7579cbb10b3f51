"""'My requests' on the staff home: the number of open requests, in one query."""

import pytest
from django.urls import reverse

from apps.core import registry
from apps.supplies.contributions import my_space_cards
from apps.supplies.models import RequestStatus
from apps.supplies.tests.factories import SupplyRequestFactory

pytestmark = pytest.mark.django_db


def test_my_requests_card_counts_the_open_requests(org, django_assert_num_queries):
    for status in (RequestStatus.PENDING, RequestStatus.APPROVED, RequestStatus.READY):
        SupplyRequestFactory(requester=org.staff, status=status)
    for status in (RequestStatus.DELIVERED, RequestStatus.CANCELLED, RequestStatus.REFUSED):
        SupplyRequestFactory(requester=org.staff, status=status)
    SupplyRequestFactory(requester=org.colleague)
    with django_assert_num_queries(2):  # my open requests, the equipment I hold
        (card,) = [card for card in my_space_cards(org.staff) if card.title == "My requests"]
    assert (card.value, card.url) == (3, reverse("supplies:my_requests"))


def test_the_card_is_on_my_space(org, client_for):
    assert any(card.title == "My requests" for card in registry.my_space_cards(org.staff))
    assert client_for(org.staff).get(reverse("core:my_space")).status_code == 200
