"""No template has an inline script or an inline event handler (issue 17, item 5).

The Content-Security-Policy allows scripts from static files only; the browser test walks the pages it can
reach, this one reads every template, including pages the walk may not reach (a report's print view).
"""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)


def test_no_template_has_inline_script_or_event_handlers():
    offenders = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text()
        if INLINE_SCRIPT.search(text) or HANDLER.search(text):
            offenders.append(str(path.relative_to(TEMPLATES)))
    assert offenders == []
