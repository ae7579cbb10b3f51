"""Every page of the "Quotes and invoices" menu entry can be reached from it: the quote list (where the
menu entry leads) and the invoice list carry the area's bar (quotes, invoices, clients, catalogue, and the
settings for the office manager), the current page marked."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

AREA = ("quote_list", "invoice_list", "client_list", "catalogue")


def _bar(html: str) -> str:
    found = re.search(r'<nav class="mb-3 d-print-none" aria-label="[^"]*">(.*?)</nav>', html, re.S)
    assert found, "the area's bar is missing"
    return found.group(1)


@pytest.mark.parametrize("page", ["quote_list", "invoice_list"])
def test_the_office_manager_reaches_every_page_of_the_area(org, client_for, page):
    html = client_for(org.office_manager).get(reverse(f"quotes:{page}")).content.decode()
    bar = _bar(html)
    for name in (*AREA, "settings"):
        assert f'href="{reverse(f"quotes:{name}")}"' in bar, name
    current = re.search(r'<a class="nav-link text-nowrap active" href="([^"]+)" aria-current="page"', bar)
    assert current and current.group(1) == reverse(f"quotes:{page}")


def test_the_director_reaches_the_pages_he_reads_not_the_settings(org, client_for):
    html = client_for(org.director).get(reverse("quotes:quote_list")).content.decode()
    bar = _bar(html)
    for name in AREA:
        assert f'href="{reverse(f"quotes:{name}")}"' in bar, name
    assert reverse("quotes:settings") not in bar


def test_the_bell_tells_a_screen_reader_the_real_unread_count(org, client_for):
    """The count is a lazy object: ``|int`` made it 0, so the bell showed 1 and was read "0 unread
    notification"."""
    from apps.notifications.tests.factories import NotificationFactory

    NotificationFactory(recipient=org.office_manager)
    html = client_for(org.office_manager).get(reverse("quotes:quote_list")).content.decode()
    assert 'data-testid="unread-count">1</span>' in html
    assert '<span class="visually-hidden">1 unread notification</span>' in html
