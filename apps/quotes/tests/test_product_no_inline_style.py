"""The Content-Security-Policy refuses style="" attributes: the quote list's subject width and the answer
forms' card width were inline styles, ignored by the browser (the list's table grew wider than a 1280 px
screen and hid its dates behind a sideways scroll). They are classes of app.css now."""

import pytest
from django.urls import reverse

from apps.quotes.tests.issue_helpers import issued_quote

pytestmark = pytest.mark.django_db


def test_the_quote_pages_carry_no_inline_style(org, client_for):
    quote = issued_quote(org.office_manager, subject="Refonte du système d'information — programme 2026 " * 3)
    client = client_for(org.office_manager)
    for url in (
        reverse("quotes:quote_list"),
        reverse("quotes:quote_accept", args=[quote.pk]),
        reverse("quotes:quote_decline", args=[quote.pk]),
    ):
        html = client.get(url).content.decode()
        assert ' style="' not in html, url
    listed = client.get(reverse("quotes:quote_list")).content.decode()
    assert 'class="text-truncate mw-18rem"' in listed and 'class="quote-status"' in listed
