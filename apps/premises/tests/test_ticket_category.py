"""No default category: the report form's category starts empty and is required, with a clear error."""

import re

import pytest
from django.urls import reverse

from apps.accounts.models import User
from apps.premises.models import Ticket


@pytest.fixture(autouse=True)
def _english(org):
    User.objects.update(language="en")


def test_the_category_starts_empty(org, client_for):
    html = client_for(org.staff).get(reverse("premises:ticket_new")).content.decode()
    select = re.search(r'<select name="category".*?</select>', html, re.DOTALL).group(0)
    assert "required" in select.split(">", 1)[0]
    first = re.search(r"<option[^>]*>([^<]*)</option>", select)
    assert first.group(0).startswith('<option value=""') and first.group(1) == "Choose the kind of problem"
    assert re.findall(r'<option value="([^"]*)" selected', select) == [""]  # the empty choice, nothing else


def test_a_report_without_a_category_is_refused_with_a_clear_error(org, client_for):
    data = {"site": org.site.pk, "place": "Hall", "urgency": "normal", "description": "The door sticks"}
    response = client_for(org.staff).post(reverse("premises:ticket_new"), data)
    assert response.status_code == 200
    assert "Choose the kind of problem: electricity, plumbing, heating…" in response.content.decode()
    assert not Ticket.objects.exists()
    data["category"] = "furniture"
    assert client_for(org.staff).post(reverse("premises:ticket_new"), data).status_code == 302
    assert Ticket.objects.get().category == "furniture"


def test_an_unknown_category_is_refused(org, client_for):
    data = {"site": org.site.pk, "place": "Hall", "urgency": "normal", "description": "x", "category": "<b>x</b>"}
    response = client_for(org.staff).post(reverse("premises:ticket_new"), data)
    assert response.status_code == 200 and "<b>x</b>" not in response.content.decode()
    assert not Ticket.objects.exists()
