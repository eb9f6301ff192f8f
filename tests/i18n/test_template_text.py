"""Every piece of user-facing text in our templates goes through {% translate %} / {% blocktranslate %}."""

from pathlib import Path

from django.conf import settings

from tests.i18n.template_text import offenders, untranslated_text

TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"


def project_templates():
    return sorted(p for p in TEMPLATES_DIR.rglob("*") if p.suffix in {".html", ".txt"})


def write(tmp_path, text):
    path = tmp_path / "page.html"
    path.write_text("{% load i18n %}" + text, encoding="utf-8")
    return path


def test_every_template_translates_its_text():
    found = list(offenders(project_templates()))
    assert not found, "Untranslated text (wrap it in {% translate %}):\n" + "\n".join(found)


def test_base_and_sign_in_pages_have_no_untranslated_text_at_all():
    paths = [TEMPLATES_DIR / "base.html", *sorted((TEMPLATES_DIR / "registration").glob("*.html"))]
    assert offenders(paths) == []


def test_scan_reports_bare_text_and_readable_attributes_with_their_line(tmp_path):
    path = write(
        tmp_path,
        '<h1>Plans</h1>\n<input type="submit" value="Save">\n<img src="x.png" alt="Chart">\n'
        '<span title="Due soon">{{ a }}</span>\n<p aria-label="Progress">{{ n }} of {{ total }}</p>',
    )
    assert untranslated_text(path) == [
        (1, "Plans"),
        (2, 'value="Save"'),
        (3, 'alt="Chart"'),
        (4, 'title="Due soon"'),
        (5, 'aria-label="Progress"'),
        (5, "of"),
    ]
    assert offenders([path])[:2] == [f"{path}:1: Plans", f'{path}:2: value="Save"']


def test_scan_accepts_translated_text_symbols_numbers_and_code(tmp_path):
    path = write(
        tmp_path,
        '<h1>{% translate "Plans" %}</h1><p>{{ count }} \u2013 12 % · ← → {{ a|date:"j M Y" }}</p>\n'
        '<tr{% if late %} class="table-warning"{% endif %}><td title="{% translate "Due" %}">PDF</td></tr>\n'
        "{% blocktranslate with n=count %}{{ n }} rows{% endblocktranslate %}\n"
        "{# a note #}{% comment %}A longer note{% endcomment %}\n"
        '<script>const label = "text";</script><style>.x::after { content: "y"; }</style>\n'
        '<input type="text" name="q" value="{{ q }}">',
    )
    assert untranslated_text(path) == []
