"""Which release of the code is running: the shared cache's key prefix (settings.CACHES with Redis).

Pages, API answers and fragments cached under a stamp follow the data, not the code: after a deploy, HTML drawn by
the templates it replaced (with their static file names) or JSON with the old fields must not be served from a cache
every host shares. A digest of the code, the templates and the translations names the release, so a deploy starts
from empty keys on every host at once, and hosts running the same code share their entries. ``RELEASE`` in the
environment (a version or commit id from the deploy) names it instead.
"""

import hashlib
import os

# What a deploy's HTML and JSON follow from; never the virtualenv, collected static files, uploads or caches.
_READ = (".py", ".html", ".po", ".json")
_SKIP = {".venv", "venv", "node_modules", "staticfiles", "media", "tests", "bench", "__pycache__", ".git"}


def code_release(base):
    """A short digest of the files under ``base`` that pages are drawn from (their paths and contents)."""
    digest = hashlib.blake2b(digest_size=6)
    for root, folders, files in os.walk(base):
        folders[:] = sorted(name for name in folders if name not in _SKIP and not name.startswith("."))
        for name in sorted(files):
            if name.endswith(_READ):
                path = os.path.join(root, name)
                digest.update(os.path.relpath(path, base).encode())
                with open(path, "rb") as file:
                    digest.update(file.read())
    return digest.hexdigest()
