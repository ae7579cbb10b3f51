"""New passwords are at least 12 characters long; the seeded demo accounts keep their password."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.accounts.tests.factories import PASSWORD


def test_a_password_of_eleven_characters_is_refused():
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("kq7-vzt-wmx")


def test_a_password_of_twelve_characters_is_accepted():
    validate_password("kq7-vzt-wmx4")


def test_changing_ones_password_to_a_short_one_is_refused(org, client_for):
    client = client_for(org.staff)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "Short-pw-42", "new_password2": "Short-pw-42"},
    )
    assert response.status_code == 200
    assert "at least 12 characters" in str(response.context["form"].errors["new_password2"])
    org.staff.refresh_from_db()
    assert org.staff.check_password(PASSWORD)
