"""Plans for the fixed cast of tests/conftest.py: organization A's plan and organization B's plan."""

import datetime

import pytest

from actionplans.models import Action, ActionPlan, Indicator, Measurement, Objective
from organizations.models import HeadcountSnapshot, Level

START = datetime.date(2026, 1, 1)
END = datetime.date(2026, 12, 31)


def make_plan(organization, *, title="Gender action plan 2026", status=ActionPlan.Status.DRAFT, actions=2, **extra):
    """A plan with one objective, `actions` actions and one share-of-women indicator with a measurement."""
    plan = ActionPlan.objects.create(
        organization=organization,
        title=title,
        period_start=START,
        period_end=END,
        status=status,
        statement_of_intent="We commit to equal participation of women in decision-making.",
        **extra,
    )
    objective = Objective.objects.create(plan=plan, title="More women on the board", content_area="leadership", order=0)
    for number in range(actions):
        Action.objects.create(
            objective=objective,
            title=f"Quota for women on the board {number + 1}",
            responsible="Director",
            start_date=START,
            due_date=datetime.date(2026, 3, 1),
            order=number,
        )
    indicator = Indicator.objects.create(
        objective=objective,
        name="Share of women on the board",
        kind=Indicator.Kind.SHARE_OF_WOMEN,
        level=Level.GOVERNING,
        baseline_value=20,
        target_value=40,
    )
    Measurement.objects.create(indicator=indicator, date=datetime.date(2026, 6, 1), value=30, women=3, total=10)
    return plan


@pytest.fixture
def plan_a(org_a):
    return make_plan(org_a)


@pytest.fixture
def plan_b(org_b):
    return make_plan(org_b, title="Plan of B")


@pytest.fixture
def snapshot_a(org_a):
    """Organization A's governing body: 2 women of 8 people (25 %)."""
    HeadcountSnapshot.objects.create(
        organization=org_a, as_of=datetime.date(2025, 1, 1), level=Level.GOVERNING, women=1, men=9
    )
    return HeadcountSnapshot.objects.create(
        organization=org_a, as_of=datetime.date(2025, 12, 1), level=Level.GOVERNING, women=2, men=6
    )


@pytest.fixture
def empty_plan_a(org_a):
    """A draft plan of organization A with nothing in it yet, as a coordinator opens it after a training."""
    return ActionPlan.objects.create(
        organization=org_a, title="Our gender action plan", period_start=START, period_end=END
    )


def editor_data(plan):
    """The POST data the editor page sends unchanged for `plan`: every form, row and management form."""
    from django.forms import CheckboxInput

    from actionplans.forms import PlanEditor

    plan.refresh_from_db()  # the version the page would carry now
    editor = PlanEditor(plan)
    data = {}

    def add(form):
        for name, field in form.fields.items():
            value = form[name].value()
            if isinstance(field.widget, CheckboxInput):
                if value:
                    data[form.add_prefix(name)] = "on"
            elif value is not None:
                data[form.add_prefix(name)] = value

    add(editor.header)
    formsets = [editor.objectives]
    for section in editor.sections:
        formsets += [section["actions"], section["indicators"]]
    for formset in formsets:
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data


def add_row(data, prefix, **values):
    """Append a row to the formset `prefix` in editor POST data, as the add-row button does."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = index + 1
    for name, value in values.items():
        data[f"{prefix}-{index}-{name}"] = value
    return f"{prefix}-{index}"


def minimal_pdf(text="Evidence"):
    """A real one-page PDF (uploads are parsed, not only sniffed), titled `text`."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": text})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def minimal_png():
    """A real 2x2 PNG."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (2, 2), "white").save(out, "PNG")
    return out.getvalue()
