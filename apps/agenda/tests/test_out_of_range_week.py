"""The agenda's ?start= out of range shows the nearest week it can, never a server error."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("start", ["9999-12-31", "0001-01-01", "0001-01-03", "1e9", ""])
def test_the_agenda_out_of_range_shows_a_week(org, client_for, start):
    client = client_for(org.director)
    client.raise_request_exception = False
    response = client.get(reverse("agenda:index"), {"start": start})
    assert response.status_code == 200
