"""Find user-facing text in templates that is not inside {% translate %} / {% blocktranslate %}.

Each template is tokenized with Django's own lexer; every template tag, variable and comment is replaced by a
neutral placeholder (tags never span lines, so line numbers stay right), text inside blocktranslate, comment
and verbatim blocks is blanked, and what is left is read as HTML: text nodes and the attributes people read
(title, placeholder, alt, aria-label, button values) must hold no words.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

from django.template.base import Lexer, TokenType

# Text that is the same in every language: symbols, numbers, brand and format names.
ALLOWED_WORDS = {"PDF", "CSV", "XLSX", "Excel", "SVG", "HTML", "ID", "N", "n", "x"}
READ_ATTRIBUTES = {"title", "placeholder", "alt", "aria-label", "aria-description"}
SKIP_CONTENT_OF = {"script", "style"}
SKIP_BLOCKS = {"blocktranslate": "endblocktranslate", "blocktrans": "endblocktrans", "comment": "endcomment"}
SKIP_BLOCKS["verbatim"] = "endverbatim"
# A space: valid anywhere in HTML, even between a tag name and its attributes (<tr{% if %} class="x"{% endif %}>).
PLACEHOLDER = " "
WORD = re.compile(r"[^\W\d_]{1,}", re.UNICODE)


def has_words(text):
    """Whether the text holds a word that is not on the allow-list."""
    return any(word not in ALLOWED_WORDS for word in WORD.findall(text))


def neutralized(source):
    """The template with template syntax replaced by placeholders and untranslatable blocks blanked."""
    parts, closing = [], None
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.TEXT:
            parts.append("\n" * token.contents.count("\n") if closing else token.contents)
            continue
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split(maxsplit=1)[0] if token.contents else ""
            if closing and name == closing:
                closing = None
            elif not closing and name in SKIP_BLOCKS:
                closing = SKIP_BLOCKS[name]
        parts.append(PLACEHOLDER)
    return "".join(parts)


class _TextFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self.skipping = [], None

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_CONTENT_OF:
            self.skipping = tag
        attributes = dict(attrs)
        for name, value in attrs:
            readable = name in READ_ATTRIBUTES or (
                name == "value" and tag == "input" and attributes.get("type") in {"submit", "button", "reset"}
            )
            if readable and value and has_words(value):
                self.found.append((self.getpos()[0], f'{name}="{value.strip()}"'))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.skipping = None if tag in SKIP_CONTENT_OF else self.skipping

    def handle_endtag(self, tag):
        if tag == self.skipping:
            self.skipping = None

    def handle_data(self, data):
        if not self.skipping and has_words(data):
            self.found.append((self.getpos()[0], " ".join(data.split())))


def untranslated_text(path):
    """(line, text) of each piece of untranslated user-facing text in one template."""
    finder = _TextFinder()
    finder.feed(neutralized(Path(path).read_text(encoding="utf-8")))
    finder.close()
    return finder.found


def offenders(paths):
    """'path:line: text' for every piece of untranslated text in the given templates."""
    return [f"{path}:{line}: {text}" for path in paths for line, text in untranslated_text(path)]
