"""With the quotes entry the office manager's menu has twelve entries: on a 1280 px or
1400 px screen it wraps onto a second row instead of pushing the bell and the account menu off screen."""

import pytest
from django.urls import reverse

from apps.core.tests.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("width", [1280, 1400])
def test_the_office_managers_menu_stays_on_screen(page, live_server, org, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, org.office_manager)
    page.goto(live_server.url + reverse("quotes:quote_list"))
    assert page.locator(f'nav.navbar a.nav-link[href="{reverse("quotes:quote_list")}"]').is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    account = page.locator("nav.navbar .avatar").bounding_box()
    assert account["x"] + account["width"] <= width
