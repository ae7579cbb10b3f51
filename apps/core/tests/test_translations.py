"""Every user-facing string has its French translation.

The msgids are extracted afresh from the Python code and the Jinja2 templates (what `make messages`
does, apps/core/management/commands/extract_messages.py) and looked up in the committed French
catalogue: a string added without a translation, or whose msgid changed (a template converted with
a different whitespace or placeholder), fails here with its location.
"""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command

FRENCH = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES" / "django.po"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    pot = tmp_path_factory.mktemp("messages") / "django.pot"
    call_command("extract_messages", pot=str(pot))
    with pot.open("rb") as file:
        return read_po(file)


def _where(message) -> str:
    return ", ".join(f"{path}:{line}" for path, line in message.locations[:3])


def test_the_extraction_reads_the_python_code_and_both_kinds_of_template(extracted):
    files = {path for message in extracted for path, _line in message.locations}
    assert any(path.startswith("apps/") and path.endswith(".py") for path in files)
    assert any(path.startswith("templates/") and path.endswith(".html") for path in files)
    assert any(path.startswith("templates/emails/") and path.endswith(".txt") for path in files)
    assert "Skip to content" in extracted  # base.html


def test_every_msgid_has_a_french_translation(extracted):
    with FRENCH.open("rb") as file:
        french = read_po(file, locale="fr")
    missing = []
    for message in extracted:
        if not message.id:
            continue  # the header
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        translated = french.get(key, context=message.context)
        strings = () if translated is None else translated.string
        strings = strings if isinstance(strings, tuple) else (strings,)
        if (
            translated is None
            or translated.fuzzy
            or translated.pluralizable != message.pluralizable  # a plural needs its plural forms
            or not all(strings)
        ):
            missing.append(f"{key!r} ({_where(message)})")
    assert not missing, f"{len(missing)} msgid(s) without a French translation:\n" + "\n".join(missing)
