"""Every page carries a strict Content-Security-Policy and a Permissions-Policy, and no template
or template tag writes what that policy would refuse (inline scripts, handlers, style attributes)."""

import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse


def _directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


def test_the_login_page_has_a_csp_without_inline_script_or_style(client):
    response = client.get(reverse("accounts:login"))
    policy = _directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]  # no nonce on a page that does not ask for one
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert "unsafe" not in response["Content-Security-Policy"]


def test_signed_in_pages_have_the_policy_too(org, client_for):
    response = client_for(org.office_manager).get(reverse("dashboard:index"))
    assert response.status_code == 200
    assert _directives(response["Content-Security-Policy"])["script-src"] == ["'self'"]


def test_the_leave_calendar_gives_fullcalendar_a_style_nonce_and_nothing_more(org, client_for):
    response = client_for(org.staff).get(reverse("leave:calendar"))
    policy = _directives(response["Content-Security-Policy"])
    nonce = re.search(r'<meta name="csp-nonce" content="([^"]+)">', response.content.decode()).group(1)
    assert policy["style-src"] == ["'self'", f"'nonce-{nonce}'"]
    assert policy["script-src"] == ["'self'"]


def test_every_response_has_a_permissions_policy_refusing_camera_microphone_geolocation(client):
    header = client.get(reverse("accounts:login"))["Permissions-Policy"]
    for feature in ["camera", "microphone", "geolocation", "payment", "usb"]:
        assert f"{feature}=()" in header


FORBIDDEN = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"""[\s"']on[a-z]+\s*=\s*["']""", re.I), "an inline event handler"),
    (re.compile(r"""\shx-on[:-]""", re.I), "an hx-on handler (eval)"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
    (re.compile(r"""[\s"']style\s*=\s*["'{]""", re.I), "a style attribute (use a class or data-style)"),
]


def _sources():
    root = Path(settings.BASE_DIR)
    # E-mails are not pages: mail clients need their inline styles and no CSP applies to them.
    templates = [p for p in (root / "templates").rglob("*.html") if "emails" not in p.parts]
    tags = list((root / "apps").glob("*/templatetags/*.py"))
    return templates + tags


def test_no_template_or_template_tag_writes_what_the_csp_refuses():
    found = [
        f"{path.relative_to(settings.BASE_DIR)}: {what}"
        for path in _sources()
        for pattern, what in FORBIDDEN
        if pattern.search(path.read_text())
    ]
    assert not found, found
