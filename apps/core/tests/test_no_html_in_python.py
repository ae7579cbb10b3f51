"""No HTML is assembled in Python: markup lives in Jinja2 templates and macros, where autoescape
applies to every value. Marking a Python string safe (``mark_safe``, ``format_html``, ``SafeString``,
markupsafe's ``Markup``) is how unescaped user text reaches a page, so application code may do it
only in the files listed in ALLOWED, each with the reason it cannot be a template."""

import ast
from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)
SCANNED = ("apps", "officemgr")
MARKING_SAFE = {"mark_safe", "format_html", "format_html_join", "SafeString", "SafeText", "Markup"}

# path (relative to the project) -> why it needs to mark a string safe. Keep it short.
ALLOWED: dict[str, str] = {
    "apps/core/cache.py": "cached_markup gives back a template fragment Jinja2 rendered and escaped",
}


def _uses(path: Path) -> list[str]:
    """``name:line`` for each call of, or import of, a function that marks a string safe."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in MARKING_SAFE:
                found.append(f"{name}():{node.lineno}")
        elif isinstance(node, ast.ImportFrom):
            found += [f"import {alias.name}:{node.lineno}" for alias in node.names if alias.name in MARKING_SAFE]
    return found


def _application_code() -> list[Path]:
    return [
        path
        for root in SCANNED
        for path in sorted((BASE / root).rglob("*.py"))
        if "tests" not in path.relative_to(BASE).parts and "migrations" not in path.parts
    ]


def test_the_scan_finds_a_string_marked_safe(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from django.utils.html import format_html\nfrom django.utils import safestring\n"
        "x = format_html('<b>{}</b>', 1)\ny = safestring.mark_safe(f'<i>{x}</i>')\n"
    )
    assert _uses(sample) == ["import format_html:1", "format_html():3", "mark_safe():4"]


def test_application_code_marks_no_string_safe_outside_the_allowlist():
    offenders = {
        str(path.relative_to(BASE)): uses
        for path in _application_code()
        if (uses := _uses(path)) and str(path.relative_to(BASE)) not in ALLOWED
    }
    assert not offenders, (
        "HTML assembled in Python (write a Jinja2 template or macro instead, or add the file to ALLOWED "
        f"with the reason): {offenders}"
    )


def test_the_allowlist_names_only_files_that_still_need_it():
    stale = [path for path in ALLOWED if not (BASE / path).exists() or not _uses(BASE / path)]
    assert not stale, f"remove from ALLOWED: {stale}"
