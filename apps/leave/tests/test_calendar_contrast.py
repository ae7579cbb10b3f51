"""The colours the team calendar gives pending leave, holidays, week numbers and other months' days
pass WCAG AA contrast for text (4.5:1), whatever the type's colour (it only draws the border)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from apps.leave.views.calendar import PENDING_BACKGROUND, PENDING_TEXT

AA_TEXT = 4.5
CSS = Path(settings.BASE_DIR) / "static" / "css" / "leave.css"


def _channel(value: float) -> float:
    value /= 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def luminance(rgb) -> float:
    red, green, blue = (_channel(v) for v in rgb[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def hex_rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def contrast(fore, back) -> float:
    """WCAG 2.1 contrast ratio of two colours, as "#rrggbb" or (r, g, b)."""
    fore, back = (hex_rgb(c) if isinstance(c, str) else c for c in (fore, back))
    lighter, darker = sorted((luminance(fore), luminance(back)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#808080", "#ffffff") == pytest.approx(3.95, abs=0.01)
    assert contrast("#777777", "#ffffff") < AA_TEXT < contrast("#767676", "#ffffff")


def test_pending_leave_is_dark_text_on_a_light_box():
    assert contrast(PENDING_TEXT, PENDING_BACKGROUND) >= 7  # AAA even


def _rule(selector: str) -> str:
    css = CSS.read_text()
    match = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", css)
    assert match, selector
    return match.group(1)


def _colour(declarations: str, name: str) -> str:
    return re.search(rf"(?:^|[;\s]){re.escape(name)}:\s*(#[0-9a-fA-F]{{6}})", declarations).group(1)


def test_the_calendar_stylesheet_colours_pass_aa():
    holiday_back = _colour(_rule(".fc .fc-bg-event.leave-holiday"), "background-color")
    holiday_text = _colour(_rule(".fc .fc-bg-event.leave-holiday .fc-event-title"), "color")
    assert contrast(holiday_text, holiday_back) >= AA_TEXT
    variables = _rule(".fc")
    week_text, week_back = _colour(variables, "--fc-neutral-text-color"), _colour(variables, "--fc-neutral-bg-color")
    assert contrast(week_text, week_back) >= AA_TEXT
    other_month = _rule(".fc .fc-daygrid-day.fc-day-other .fc-daygrid-day-top")
    assert "opacity: 1" in other_month
    assert contrast(_colour(other_month, "color"), "#ffffff") >= AA_TEXT


def test_the_pending_style_has_no_stripes_or_italics():
    css = CSS.read_text()
    assert "repeating-linear-gradient" not in css
    pending = re.findall(r"([^{}]*leave-pending[^{}]*)\{([^}]*)\}", css)
    assert pending and all("italic" not in body and "opacity" not in body for _, body in pending)
