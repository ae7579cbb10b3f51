"""What the browser tests share: signing in (through the login page as a person would, or with a session
cookie for a test's own user), and axe at a desktop and a phone width with optional screenshots."""

from __future__ import annotations

import os
import re
from pathlib import Path

from django.conf import settings
from django.test import Client

from apps.core.tests.axe import serious_violations

SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR")  # set it to keep the pictures
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def log_in(page, base_url: str, email: str) -> None:
    """Sign in as the demo account ``email`` (password "demo") through the login form, in French or
    English, leaving any earlier session."""
    page.context.clear_cookies()
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label(re.compile("adresse e-mail|e-mail address", re.I)).fill(email)
    page.get_by_label(re.compile("mot de passe|password", re.I)).fill("demo")
    page.get_by_role("button", name=re.compile("se connecter|log in", re.I)).click()
    page.wait_for_load_state("load")
    assert "/accounts/login/" not in page.url, f"{email} could not sign in"


def sign_in(page, live_server, user) -> None:
    """Sign ``user`` in with a session cookie made by Django's test client (a test's own user, any password)."""
    page.context.clear_cookies()
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])


def axe_at_both_widths(page, name: str, *, prefix: str) -> list:
    """The page's serious axe violations at the desktop then the phone width (screenshots named
    ``<prefix>-<name>-desktop|phone.png`` when SCREENSHOT_DIR is set); the page is left at the desktop width."""
    found = []
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        found += serious_violations(page, f"{name} at {size['width']} px")
        if SCREENSHOT_DIR:
            Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{SCREENSHOT_DIR}/{prefix}-{name}-{label}.png", full_page=True)
    page.set_viewport_size(DESKTOP)
    return found
