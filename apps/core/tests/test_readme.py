"""The README stands on its own (issue #12): no file of the repository points outside it, the design
notes for contributors are in the repository, the first lines promise only what exists, and the
first run is explained (HOST, PORT)."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
README = (ROOT / "README.md").read_text()


SKIPPED_DIRS = {".git", ".venv", "node_modules", "staticfiles", "media", ".pytest_cache", ".ruff_cache", "__pycache__"}


def _text_files() -> list[Path]:
    """The repository's own files (vendored libraries and binaries left out)."""
    files = []
    for path in ROOT.rglob("*"):
        parts = path.relative_to(ROOT).parts
        if SKIPPED_DIRS.intersection(parts) or parts[:2] == ("static", "vendor") or not path.is_file():
            continue
        if path.suffix in {".mo", ".png", ".jpg", ".ico", ".sqlite3", ".pyc"}:
            continue
        files.append(path)
    return files


def test_no_file_points_outside_the_repository():
    outside = re.compile("|".join(("/" + "work/", r"\.\./" + "shared", "/" + r"home/\w+/")))  # not matching itself
    offenders = []
    for path in _text_files():
        try:
            text = path.read_text()
        except UnicodeDecodeError:
            continue
        offenders += [f"{path.relative_to(ROOT)}:{m.group(0)}" for m in outside.finditer(text)]
    assert offenders == []


def test_every_relative_link_of_the_readme_exists():
    for target in re.findall(r"\]\(([^)#]+)\)", README):
        if "://" not in target:
            assert (ROOT / target).exists(), target


def test_the_design_notes_are_in_the_repository():
    notes = (ROOT / "docs" / "architecture.md").read_text()
    for heading in ("## Roles", "## Apps and the registry", "## Services and selectors", "## The read cache"):
        assert heading in notes
    assert "## Background work" in notes and "## Settings" in notes
    assert "docs/architecture.md" in README


def test_the_first_lines_promise_only_what_exists():
    opening = README.split("## ", 1)[0]
    built, planned = opening.split("Planned, not built yet:")
    for module in ("events",):
        assert module not in built.lower(), module
        assert module in planned.lower(), module
    assert "quotes" not in planned.lower() and "invoices" not in planned.lower()
    for module in ("leave", "premises", "supplies", "suppliers", "purchasing", "budgets", "quotes", "invoices"):
        assert module in built.lower(), module


def test_the_readme_says_where_make_run_serves():
    assert "`HOST`" in README and "`PORT`" in README and "SITE_URL" in README
