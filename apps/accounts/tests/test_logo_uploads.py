"""The company logo: an image whose declared dimensions are too large is a field error, and a
replaced or removed logo's file is deleted once committed."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.accounts.models import Company
from apps.accounts.tests.test_company import URL, VALID
from apps.core.tests.files import bomb_png, image_bytes


@pytest.mark.parametrize("size", [(60000, 60000), (10000, 10000), (8000, 7000)])
def test_a_logo_declaring_huge_dimensions_is_refused(office, size):
    # 10000² is only a warning in Pillow: Django's ImageField alone accepts it.
    logo = SimpleUploadedFile("logo.png", bomb_png(*size), content_type="image/png")
    response = office.post(URL, {**VALID, "logo": logo})
    assert response.status_code == 200
    assert response.context["form"].errors["logo"]
    assert not Company.objects.exists()


def test_a_replaced_then_removed_logo_leaves_no_file(office, django_capture_on_commit_callbacks):
    def logo():
        return SimpleUploadedFile("logo.png", image_bytes("PNG"), content_type="image/png")

    with django_capture_on_commit_callbacks(execute=True):
        office.post(URL, {**VALID, "logo": logo()})
    first = Company.objects.get().logo.name
    with django_capture_on_commit_callbacks(execute=True):
        office.post(URL, {**VALID, "logo": logo()})
    second = Company.objects.get().logo.name
    assert second != first and not default_storage.exists(first) and default_storage.exists(second)
    with django_capture_on_commit_callbacks(execute=True):
        office.post(URL, {**VALID, "remove_logo": "on"})
    assert not Company.objects.get().logo and not default_storage.exists(second)
