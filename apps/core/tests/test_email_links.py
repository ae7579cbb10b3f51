"""E-mail links are built from SITE_URL, and `make run` sets SITE_URL to the address it serves
(HOST and PORT), so a link in a demo e-mail opens the running app (issue #12)."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from apps.accounts import services as account_services
from apps.accounts.tests.factories import UserFactory
from apps.notifications import services
from apps.notifications.models import EmailOutbox

ROOT = Path(settings.BASE_DIR)
SERVED = "http://192.0.2.10:9001"


def _make_serve_site_url(**variables: str) -> str:
    """SITE_URL as `make serve` hands it to the server (the server replaced by printenv)."""
    args = ["make", "-s", "--no-print-directory", "serve", "PY=printenv SITE_URL #"]
    args += [f"{name}={value}" for name, value in variables.items()]
    env = {"PATH": "/usr/bin:/bin"}
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=True)  # noqa: S603 -- fixed arguments
    return result.stdout.strip()


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_run_sets_site_url_to_the_address_it_serves():
    assert _make_serve_site_url() == "http://127.0.0.1:8000"
    assert _make_serve_site_url(HOST="192.0.2.10", PORT="9001") == SERVED
    assert _make_serve_site_url(SITE_URL="https://office.example.com") == "https://office.example.com"


def test_no_email_template_writes_an_address_of_its_own():
    """Every link in an e-mail is ``link``, ``set_password_url`` or ``site_url`` + a path: none is typed in."""
    for template in sorted((ROOT / "templates" / "emails").iterdir()):
        text = template.read_text()
        for match in re.finditer(r"url\(", text):
            assert text[: match.start()].endswith("{{ site_url }}{{ "), f"{template.name}: a path without SITE_URL"
        assert not re.search(r"https?://", text), f"{template.name}: an address typed in the template"


@pytest.mark.django_db
def test_every_kind_of_email_link_starts_with_site_url(settings, client):
    settings.SITE_URL = SERVED + "/"
    user = UserFactory(email="lea@example.com", language="en")
    services.notify(recipient=user, kind="message", context={"title": "Hi", "body": "x"}, url="/leave/12/")
    assert f"{SERVED}/leave/12/" in EmailOutbox.objects.get(kind="message").body_text
    assert account_services.set_password_url(user).startswith(f"{SERVED}/accounts/reset/")
    client.post("/accounts/password-reset/", {"email": "lea@example.com"})
    reset = EmailOutbox.objects.get(kind="password_reset").body_text
    assert f"{SERVED}/accounts/reset/" in reset
    for row in EmailOutbox.objects.all():
        for address in re.findall(r"https?://[^\s\"'<>]+", row.body_text + row.body_html):
            assert address.startswith(SERVED), address
