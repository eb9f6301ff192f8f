"""One capitalisation rule and one button order on every page (issue 13 §6): labels, column headers and buttons in
sentence case, never upper-cased by CSS, and on every form the primary button first, "Cancel" after it."""

import importlib
import itertools
import re
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.utils import translation

TEMPLATES = sorted(Path(settings.BASE_DIR, "templates").rglob("*.html"))
CSS = sorted(Path(settings.BASE_DIR, "static", "css").glob("*.css"))
# Words that keep their capitals inside a sentence: acronyms and names.
NAMES = {"PDF", "CSV", "XLSX", "API", "ID", "OpenAPI", "Swagger", "ReDoc", "JSON", "URL", "Excel"}
# Names of languages are capitalised in English; abbreviations written in lower case on purpose (not stated).
NAMES |= {"English", "Russian", "Kyrgyz"}
ABBREVIATIONS = {"n.s."}
BUTTON = re.compile(r'<(button|a)\b[^>]*class="[^"]*\bbtn\b[^"]*"[^>]*>(.*?)</\1>', re.S)
COLUMN_HEADER = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
TRANSLATED = re.compile(r"""{% (?:translate|trans) ["']([^"']+)["']""")


def not_sentence_case(text):
    """What breaks sentence case in `text`: a lower-case start, or a capital inside a sentence."""
    words = str(text).split()
    problems = ["starts in lower case"] if words and words[0][0].islower() and words[0] not in ABBREVIATIONS else []
    for before, word in itertools.pairwise(words):
        bare = word.strip("«»“”\"'(),.:;…+!?*")
        if (
            bare[:1].isupper()
            and bare not in NAMES
            and not bare.isupper()
            and not before.endswith((".", ":", "?", "!"))
        ):
            problems.append(f"capital inside a sentence: {bare}")
    return problems


def test_no_page_upper_cases_text_through_css():
    offenders = [str(path) for path in TEMPLATES if re.search(r"\btext-(uppercase|capitalize)\b", path.read_text())]
    offenders += [str(path) for path in CSS if "text-transform" in path.read_text()]
    assert not offenders


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: str(path.relative_to(settings.BASE_DIR)))
def test_buttons_are_in_sentence_case(path):
    texts = [text for _, inner in BUTTON.findall(path.read_text()) for text in TRANSLATED.findall(inner)]
    assert not {text: problems for text in texts if (problems := not_sentence_case(text))}


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: str(path.relative_to(settings.BASE_DIR)))
def test_column_headers_are_in_sentence_case(path):
    headers = [text for inner in COLUMN_HEADER.findall(path.read_text()) for text in TRANSLATED.findall(inner)]
    assert not {text: problems for text in headers if (problems := not_sentence_case(text))}


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: str(path.relative_to(settings.BASE_DIR)))
def test_on_every_form_the_primary_button_comes_before_cancel(path):
    html = path.read_text()
    for form in re.findall(r"<form\b.*?</form>", html, re.S):
        cancel = next((m for m in BUTTON.finditer(form) if "Cancel" in TRANSLATED.findall(m.group(2))), None)
        if cancel is None:
            continue
        # The row of buttons "Cancel" is in: from the innermost <div> (or the form) that opens before it.
        row = form[max(form.rfind("<div", 0, cancel.start()), 0) : cancel.start()]
        first = BUTTON.search(row)
        assert first and re.search(r"btn-(primary|danger)\b", first.group(0)), f"{path}: {first and first.group(0)}"
        assert "btn-outline-secondary" in cancel.group(0), f"{path}: every Cancel looks the same"


def all_form_classes():
    """Every form class of the project's apps (each app's forms*.py modules imported first)."""
    for module in Path(settings.BASE_DIR).glob("*/forms*.py"):
        importlib.import_module(f"{module.parent.name}.{module.stem}")
    seen, todo = set(), [forms.BaseForm]
    while todo:
        for form in todo.pop().__subclasses__():
            if form not in seen:
                seen.add(form)
                todo.append(form)
    ours = tuple(
        app.name
        for app in apps.get_app_configs()
        if Path(app.path).is_relative_to(settings.BASE_DIR) and "site-packages" not in app.path
    )
    return [form for form in seen if form.__module__.startswith(ours) and "base_fields" in vars(form)]


def test_every_field_label_of_every_form_is_in_sentence_case():
    """In English, where a capital inside a label shows (Russian and Kyrgyz follow the glossary's capitals)."""
    with translation.override("en"):
        wrong = {
            f"{form.__module__}.{form.__name__}.{name}": problems
            for form in all_form_classes()
            for name, field in form.base_fields.items()
            if field.label and (problems := not_sentence_case(field.label))
        }
    assert not wrong


@pytest.mark.parametrize("language", ["en", "ru", "ky"])
def test_every_field_label_of_every_form_starts_with_a_capital(language):
    with translation.override(language):
        lower = {
            f"{form.__module__}.{form.__name__}.{name}": str(field.label)
            for form in all_form_classes()
            for name, field in form.base_fields.items()
            if field.label and str(field.label)[:1].islower()
        }
    assert not lower
