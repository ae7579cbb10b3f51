"""What the browser tests share: signing in through the login page, as a person would."""

from __future__ import annotations

import re


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
