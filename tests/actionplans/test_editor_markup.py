"""The plan editor's rows are written by core's ``field_group`` with ``QUICK_WIDGETS`` (actionplans.rows), not
crispy: the markup people and assistive technology rely on must be what crispy gave (label bound to the input,
the error beside the field and described-by, ``is-invalid``, the help text)."""

import re

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

from actionplans.forms import ActionForm, IndicatorForm, ObjectiveForm
from actionplans.rows import rows_html
from core.templatetags.field_groups import field_group
from tests.markup import same_markup

ROW_FORMS = [
    (ObjectiveForm, {"title": "", "content_area": "nowhere", "description": "<b>bold</b>"}),
    (ActionForm, {"title": "Train staff", "start_date": "2022-05-01", "due_date": "not a date", "status": "x"}),
    (IndicatorForm, {"name": "", "kind": "share_women", "baseline_value": "120", "target_value": "-5"}),
]


@pytest.mark.parametrize(("form_class", "data"), ROW_FORMS, ids=[form.__name__ for form, _ in ROW_FORMS])
@pytest.mark.parametrize("bound", [False, True], ids=["blank", "with errors"])
def test_an_editor_row_field_has_the_markup_crispy_gave_it(db, form_class, data, bound):
    form = form_class({f"row-{key}": value for key, value in data.items()} if bound else None, prefix="row")
    if bound:
        assert not form.is_valid()
    for field in form:
        assert same_markup(field_group(field), as_crispy_field(field)), field.name


@pytest.mark.parametrize(("form_class", "data"), ROW_FORMS, ids=[form.__name__ for form, _ in ROW_FORMS])
def test_an_editor_row_lays_out_every_field_of_its_layout_once(db, form_class, data):
    form = form_class({f"row-{key}": value for key, value in data.items()}, prefix="row")
    html = str(rows_html(form))
    for row in form.layout:
        for name, css in row:
            assert html.count(f'id="div_id_row-{name}"') == 1
            # a check box sits in one more wrapper, as crispy puts it
            assert re.search(rf'<div class="{re.escape(css)}">(<div class="mb-3">)?<div id="div_id_row-{name}"', html)
    assert html.count('<div class="row">') == len(form.layout)
