"""The leave pages' markup follows the accessibility rules axe-core checks, and the app's files point
to nothing outside the repository."""

import re
from pathlib import Path

from django.conf import settings

from apps.leave.tests.test_pages import element, elements, get

TEMPLATES = Path(settings.BASE_DIR) / "templates"
LEAVE_FILES = [
    *(Path(settings.BASE_DIR) / "apps" / "leave").rglob("*.py"),
    *(TEMPLATES / "leave").rglob("*.html"),
    Path(settings.BASE_DIR) / "static" / "css" / "leave.css",
    Path(settings.BASE_DIR) / "static" / "js" / "leave-calendar.js",
]


def test_no_icon_in_the_leave_templates_carries_an_aria_label_without_a_role():
    # An <i> has no role, so assistive technology may ignore its aria-label: hide the icon and
    # write the text (visually-hidden), or give it role="img".
    icon = re.compile(r"<i\b[^>]*>")
    for path in (TEMPLATES / "leave").rglob("*.html"):
        for tag in icon.findall(path.read_text()):
            assert "aria-label" not in tag or 'role="img"' in tag, (path.name, tag)


def test_the_import_pages_sample_can_be_scrolled_from_the_keyboard_and_has_a_name(org, client_for):
    body = get(client_for(org.office_manager), "leave:balance_import")
    sample = element(body, "pre", **{"data-testid": "sample"})
    assert sample["tabindex"] == "0"
    assert sample["role"] == "region" and sample["aria-label"] == "Sample file"


def test_the_private_icon_is_hidden_and_its_meaning_written(org, client_for, cp):
    cp.privacy = "private"
    cp.save(update_fields=["privacy"])
    body = get(client_for(org.office_manager), "leave:type_list")
    icons = elements(body, "i", class_="bi bi-eye-slash")
    assert icons and all(icon["aria-hidden"] == "true" and "aria-label" not in icon for icon in icons)
    assert body.count('<span class="visually-hidden">Private</span>') == len(icons)


# Written in two parts so that this file does not match itself.
OUTSIDE = re.compile("/" + r"work/|\.\./" + "shared")


def test_the_leave_app_points_to_no_file_outside_the_repository():
    for path in LEAVE_FILES:
        assert not OUTSIDE.search(path.read_text()), path
