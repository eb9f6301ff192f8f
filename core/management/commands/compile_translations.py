"""Compile every .po catalog under LOCALE_PATHS to .mo, in pure Python.

Django's own `compilemessages` needs GNU gettext's msgfmt, which a fresh machine may not have; `make run`
and `make test` call this instead. A .mo is rewritten only when its content changes, so the development
server does not restart for nothing. Fuzzy and untranslated entries are left out, as msgfmt does.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def catalogs():
    """Every .po file under LOCALE_PATHS, in a stable order."""
    return sorted(po for root in settings.LOCALE_PATHS for po in Path(root).glob("*/LC_MESSAGES/*.po"))


def compiled(po_path):
    """The .mo bytes for one .po file."""
    return polib.pofile(str(po_path), wrapwidth=0).to_binary()


class Command(BaseCommand):
    help = "Compile the translation catalogs under LOCALE_PATHS (.po to .mo) without GNU gettext."

    def handle(self, *args, **options):
        written = 0
        for po_path in catalogs():
            mo_path = po_path.with_suffix(".mo")
            content = compiled(po_path)
            if mo_path.exists() and mo_path.read_bytes() == content:
                continue
            mo_path.write_bytes(content)
            written += 1
            self.stdout.write(f"compiled {po_path}")
        self.stdout.write(f"{len(catalogs())} catalogs, {written} compiled")
