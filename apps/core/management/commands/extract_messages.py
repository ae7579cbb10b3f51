"""``manage.py extract_messages``: the French catalogue brought up to date with the code and templates.

Django's makemessages reads only Django templates; the pages are Jinja2, so Babel extracts the
msgids from the Python code and the templates (babel.cfg says which files, with which extractor),
the result is merged into each locale/<lang>/LC_MESSAGES/django.po keeping its translations
(new msgids come in untranslated, never guessed), and the catalogues are compiled.
``--pot PATH`` only writes the extracted template (the missing-translation test uses it).
Babel is a development dependency (requirements-dev.txt); the compiled .mo files are committed.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

# Django's translation functions, as the code and the templates call them.
KEYWORDS = (
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext:1,2",
    "ngettext_lazy:1,2",
    "pgettext:1c,2",
    "pgettext_lazy:1c,2",
    "npgettext:1c,2,3",
    "npgettext_lazy:1c,2,3",
)
DOMAIN = "django"


def extract(pot: Path) -> None:
    """Write the msgids of the code and the templates to ``pot`` (a .pot file)."""
    try:
        from babel.messages.catalog import Catalog
        from babel.messages.extract import extract_from_dir
        from babel.messages.frontend import parse_keywords, parse_mapping_cfg
        from babel.messages.pofile import write_po
    except ImportError as exc:  # a runtime-only install
        raise CommandError("Babel is needed: pip install -r requirements-dev.txt") from exc
    base = Path(settings.BASE_DIR)
    with (base / "babel.cfg").open() as file:
        method_map, options_map = parse_mapping_cfg(file)
    catalog = Catalog(project="officemgr", charset="utf-8", msgid_bugs_address="")
    # The file names are relative to the project directory: the babel.cfg patterns match them and
    # they are the #: locations translators read.
    for filename, lineno, message, comments, context in extract_from_dir(
        str(base),
        method_map,
        options_map,
        keywords=parse_keywords(KEYWORDS),
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    with pot.open("wb") as file:
        write_po(file, catalog, width=79, sort_by_file=True)


def merge(po: Path, pot: Path) -> None:
    """Bring ``po`` up to date with ``pot``, keeping its translations; new msgids untranslated.

    msgmerge when gettext is installed (its layout is the file's, so the diff shows only what
    changed), else Babel's own update."""
    if msgmerge := shutil.which("msgmerge"):
        # The arguments are our own paths, no shell.
        subprocess.run(  # noqa: S603
            [msgmerge, "--quiet", "--update", "--backup=none", "--no-fuzzy-matching", str(po), str(pot)], check=True
        )
        return
    from babel.messages.pofile import read_po, write_po

    with po.open("rb") as file:
        catalog = read_po(file)
    with pot.open("rb") as file:
        template = read_po(file)
    catalog.update(template, no_fuzzy_matching=True)
    with po.open("wb") as file:
        write_po(file, catalog, width=79)


def compile_catalogues(locale_dir: Path) -> None:
    """The .mo files: Django's compilemessages with gettext, Babel's writer without."""
    if shutil.which("msgfmt"):
        call_command("compilemessages", locale=[p.name for p in locale_dir.iterdir() if p.is_dir()], verbosity=0)
        return
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po"):
        with po.open("rb") as file:
            catalog = read_po(file)
        with po.with_suffix(".mo").open("wb") as file:
            write_mo(file, catalog)


class Command(BaseCommand):
    help = "Extract the msgids of the code and the Jinja2 templates, merge them into the catalogues, compile."

    def add_arguments(self, parser):
        parser.add_argument("--pot", help="only write the extracted msgids to this .pot file")

    def handle(self, *args, pot=None, **options):
        if pot:
            extract(Path(pot))
            return
        locale_dir = Path(settings.LOCALE_PATHS[0])
        with tempfile.TemporaryDirectory() as tmp:
            template = Path(tmp) / f"{DOMAIN}.pot"
            extract(template)
            for po in sorted(locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
                merge(po, template)
                self.stdout.write(f"{po.relative_to(locale_dir.parent)}: merged")
        compile_catalogues(locale_dir)
