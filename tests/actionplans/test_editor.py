"""The plan editor: lost-update guard, history of guarded saves, row add/remove, and every bad input."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actionplans.models import Action, ActionPlan, Indicator, Objective, StalePlanError
from tests.actionplans.conftest import add_row, editor_data, make_plan, minimal_pdf
from tests.actionplans.test_access import database_state


def _row_prefix(data, pk, formset):
    """The form prefix under which the row with this pk is posted in `formset`."""
    return next(k for k, v in data.items() if k.startswith(formset) and k.endswith("-id") and v == pk)[: -len("-id")]


@pytest.fixture
def editor_client(client, partner):
    client.force_login(partner)
    return client


def test_second_of_two_concurrent_saves_is_refused_and_the_first_is_kept(editor_client, plan_a):
    url = reverse("actionplans:edit", args=[plan_a.pk])
    objective = plan_a.objectives.get()
    first = editor_data(plan_a)  # two people open the editor at the same version
    second = editor_data(plan_a)

    first["plan-title"] = "First person's title"
    add_row(first, f"actions-{objective.pk}", title="Added by the first person", status="planned")
    assert editor_client.post(url, first).status_code == 302

    second["plan-title"] = "Second person's title"
    add_row(second, f"actions-{objective.pk}", title="Added by the second person", status="planned")
    response = editor_client.post(url, second)

    assert response.status_code == 409
    page = response.content.decode()
    assert "Your changes were not saved." in page
    assert f'href="{url}"' in page  # the reload link
    assert "Second person&#x27;s title" in page  # what they typed is still on the page to copy
    plan_a.refresh_from_db()
    assert plan_a.title == "First person's title"
    assert plan_a.version == 2
    assert Action.objects.filter(title="Added by the first person").exists()
    assert not Action.objects.filter(title="Added by the second person").exists()


def test_a_guarded_save_is_recorded_in_the_history_with_its_author(editor_client, partner, plan_a):
    data = editor_data(plan_a)
    data["plan-title"] = "Renamed plan"
    editor_client.post(reverse("actionplans:edit", args=[plan_a.pk]), data)
    record = plan_a.history.first()  # newest first
    assert (record.title, record.version, record.history_user) == ("Renamed plan", 2, partner)
    page = editor_client.get(plan_a.get_absolute_url()).content.decode()
    assert "Plan title: Gender action plan 2026 → Renamed plan" in page


def test_claim_version_refuses_a_plan_submitted_since_the_editor_opened(plan_a, partner):
    stale = ActionPlan.objects.get(pk=plan_a.pk)
    plan_a.submit(by=partner)
    with pytest.raises(StalePlanError):
        stale.claim_version(stale.version)


def test_of_two_saves_claiming_the_same_version_only_the_first_succeeds(plan_a):
    one, two = ActionPlan.objects.get(pk=plan_a.pk), ActionPlan.objects.get(pk=plan_a.pk)
    one.claim_version(1)
    with pytest.raises(StalePlanError):
        two.claim_version(1)
    assert ActionPlan.objects.get(pk=plan_a.pk).version == 2


def test_rows_are_added_and_removed_in_one_save(editor_client, plan_a):
    objective = plan_a.objectives.get()
    data = editor_data(plan_a)
    removed = Action.objects.filter(objective=objective).first()
    data[f"{_row_prefix(data, removed.pk, f'actions-{objective.pk}')}-DELETE"] = "on"
    add_row(data, f"actions-{objective.pk}", title="A new action", status="planned")
    add_row(data, "objectives", title="Pay gap closed", content_area="recruitment")
    assert editor_client.post(reverse("actionplans:edit", args=[plan_a.pk]), data).status_code == 302
    assert not Action.objects.filter(pk=removed.pk).exists()
    assert Action.objects.filter(objective=objective, title="A new action").exists()
    assert plan_a.objectives.count() == 2
    page = editor_client.get(plan_a.get_absolute_url()).content.decode()
    assert f"Action “{removed.title}” removed" in page


def test_removing_an_objective_removes_its_actions_and_indicators(editor_client, plan_a):
    objective = plan_a.objectives.get()
    data = editor_data(plan_a)
    data[f"{_row_prefix(data, objective.pk, 'objectives')}-DELETE"] = "on"
    assert editor_client.post(reverse("actionplans:edit", args=[plan_a.pk]), data).status_code == 302
    assert not Objective.objects.filter(plan=plan_a).exists()
    assert not Action.objects.filter(objective__plan=plan_a).exists()


# Bad editor inputs: each function changes valid POST data and returns the error the page must show.


def _due_before_start(data, plan):
    prefix = _row_prefix(data, Action.objects.filter(objective__plan=plan).first().pk, "actions-")
    data[f"{prefix}-start_date"], data[f"{prefix}-due_date"] = "2026-05-01", "2026-04-01"
    return "The due date cannot be before the start date."


def _period_backwards(data, plan):
    data["plan-period_start"], data["plan-period_end"] = "2026-12-31", "2026-01-01"
    return "The period cannot end before it starts."


def _target_date_without_value(data, plan):
    prefix = _row_prefix(data, Indicator.objects.get(objective__plan=plan).pk, "indicators-")
    data[f"{prefix}-target_value"] = ""
    data[f"{prefix}-target_date"] = "2026-12-31"
    return "Give the target value for the target date."


def _negative_baseline(data, plan):
    prefix = _row_prefix(data, Indicator.objects.get(objective__plan=plan).pk, "indicators-")
    data[f"{prefix}-baseline_value"] = "-5"
    return "Ensure this value is greater than or equal to 0."


def _share_above_100(data, plan):
    prefix = _row_prefix(data, Indicator.objects.get(objective__plan=plan).pk, "indicators-")
    data[f"{prefix}-target_value"] = "140"
    return "A share is a percentage between 0 and 100."


def _missing_title(data, plan):
    data["plan-title"] = ""
    return "This field is required."


def _action_of_another_plan(data, plan):
    other = make_plan(plan.organization.__class__.objects.exclude(pk=plan.organization_id).get(), title="Other")
    prefix = _row_prefix(data, Action.objects.filter(objective__plan=plan).first().pk, "actions-")
    data[f"{prefix}-id"] = Action.objects.filter(objective__plan=other).first().pk


def _objective_of_another_plan(data, plan):
    other = make_plan(plan.organization.__class__.objects.exclude(pk=plan.organization_id).get(), title="Other")
    prefix = _row_prefix(data, plan.objectives.get().pk, "objectives")
    data[f"{prefix}-id"] = other.objectives.get().pk


def _management_form_removed(data, plan):
    for key in [k for k in data if k.startswith("objectives-") and k.endswith("_FORMS")]:
        del data[key]
    return "ManagementForm data is missing or has been tampered with."


def _too_many_rows(data, plan):
    objective = plan.objectives.get()
    data[f"actions-{objective.pk}-TOTAL_FORMS"] = 5000
    return "Please submit at most 100 forms."


def _baseline_without_headcount(data, plan):
    data["baseline_from"] = _row_prefix(data, Indicator.objects.get(objective__plan=plan).pk, "indicators-")
    return "Your organization has no headcount recorded at this level yet."


BAD_EDITS = [
    _due_before_start,
    _period_backwards,
    _target_date_without_value,
    _negative_baseline,
    _share_above_100,
    _missing_title,
    _management_form_removed,
    _too_many_rows,
    _baseline_without_headcount,
]


@pytest.mark.parametrize("bad_edit", BAD_EDITS, ids=lambda f: f.__name__.strip("_"))
def test_bad_editor_input_gets_an_error_and_writes_nothing(editor_client, plan_a, org_b, bad_edit):
    data = editor_data(plan_a)
    data["plan-title"] = "This change must not be saved"
    message = bad_edit(data, plan_a)
    before = database_state()
    response = editor_client.post(reverse("actionplans:edit", args=[plan_a.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message.replace("'", "&#x27;") in page
    assert "Nothing was saved yet" in page
    assert database_state() == before


@pytest.mark.parametrize("tamper", [_action_of_another_plan, _objective_of_another_plan], ids=lambda f: f.__name__)
def test_a_row_id_of_another_plan_in_the_editor_is_refused_and_writes_nothing(editor_client, plan_a, org_b, tamper):
    """The one rule of core.formsets: a form error asking to reload (not a 404), the same as the training form."""
    data = editor_data(plan_a)
    data["plan-title"] = "This change must not be saved"
    tamper(data, plan_a)
    before = database_state()
    response = editor_client.post(reverse("actionplans:edit", args=[plan_a.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "This part of the page no longer matches what is saved. Reload the page and try again." in page
    assert "Nothing was saved yet" in page
    assert database_state() == before


def test_a_stale_save_after_rows_were_removed_is_a_conflict_not_an_error(editor_client, plan_a):
    url = reverse("actionplans:edit", args=[plan_a.pk])
    objective = plan_a.objectives.get()
    stale = editor_data(plan_a)
    fresh = editor_data(plan_a)
    fresh[f"{_row_prefix(fresh, objective.pk, 'objectives')}-DELETE"] = "on"
    assert editor_client.post(url, fresh).status_code == 302
    response = editor_client.post(url, stale)
    assert response.status_code == 409
    assert "Someone else changed this plan" in response.content.decode()
    assert not Objective.objects.filter(plan=plan_a).exists()


def test_baseline_button_needs_a_share_of_women_indicator_with_a_level(editor_client, plan_a, snapshot_a):
    indicator = Indicator.objects.get(objective__plan=plan_a)
    indicator.kind = Indicator.Kind.COUNT
    indicator.save()
    data = editor_data(plan_a)
    data["baseline_from"] = _row_prefix(data, indicator.pk, "indicators-")
    response = editor_client.post(reverse("actionplans:edit", args=[plan_a.pk]), data)
    assert response.status_code == 200
    assert "Choose “Share of women” and a level" in response.content.decode()
    indicator.refresh_from_db()
    assert indicator.baseline_value == 20


def test_baseline_button_keeps_the_other_changes_of_the_form(editor_client, plan_a, snapshot_a):
    indicator = Indicator.objects.get(objective__plan=plan_a)
    data = editor_data(plan_a)
    data["plan-title"] = "Renamed at the same time"
    data["baseline_from"] = _row_prefix(data, indicator.pk, "indicators-")
    response = editor_client.post(reverse("actionplans:edit", args=[plan_a.pk]), data)
    assert response.status_code == 302
    indicator.refresh_from_db()
    plan_a.refresh_from_db()
    assert (indicator.baseline_value, indicator.baseline_date) == (25, snapshot_a.as_of)
    assert plan_a.title == "Renamed at the same time"


def test_a_plan_without_actions_cannot_be_submitted(editor_client, empty_plan_a):
    response = editor_client.post(reverse("actionplans:submit", args=[empty_plan_a.pk]), follow=True)
    assert "Add at least one objective with an action" in response.content.decode()
    empty_plan_a.refresh_from_db()
    assert empty_plan_a.status == ActionPlan.Status.DRAFT


def test_returning_a_plan_needs_a_comment(client, coordinator, org_a):
    plan = make_plan(org_a, status=ActionPlan.Status.SUBMITTED)
    client.force_login(coordinator)
    response = client.post(reverse("actionplans:review", args=[plan.pk]), {"decision": "return", "comment": " "})
    assert response.status_code == 200
    assert "Say what should change when returning a plan." in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.SUBMITTED
    assert not plan.review_comments.exists()


# --- Measurements and evidence ------------------------------------------------------------------------


@pytest.fixture
def approved_plan(org_a):
    return make_plan(org_a, status=ActionPlan.Status.APPROVED)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"women": 9, "total": 8}, "There cannot be more women than people in total."),
        ({"women": -1, "total": 8}, "Ensure this value is greater than or equal to 0."),
        ({"women": 0, "total": 0}, "Count at least one person."),
        ({"women": "", "total": 8}, "This field is required."),
    ],
)
def test_bad_measurement_gets_an_error_and_writes_nothing(editor_client, approved_plan, values, message):
    indicator = Indicator.objects.get(objective__plan=approved_plan)
    before = database_state()
    url = reverse("actionplans:measure", args=[approved_plan.pk, indicator.pk])
    response = editor_client.post(url, {"date": "2026-05-01", **values})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert database_state() == before


def test_a_count_indicator_takes_its_value_directly_and_refuses_negative_values(editor_client, approved_plan):
    indicator = Indicator.objects.get(objective__plan=approved_plan)
    indicator.kind = Indicator.Kind.COUNT
    indicator.save()
    url = reverse("actionplans:measure", args=[approved_plan.pk, indicator.pk])
    response = editor_client.post(url, {"date": "2026-05-01", "value": "-3"})
    assert response.status_code == 200
    assert "Ensure this value is greater than or equal to 0." in response.content.decode()
    assert editor_client.post(url, {"date": "2026-07-01", "value": "12"}).status_code == 302
    assert indicator.measurements.latest().value == 12


def _xlsx_bytes():
    import io

    import openpyxl

    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "huge.pdf",
            minimal_pdf() + b"\0" * (50 * 1024 * 1024),
            "huge.pdf is 50.0\xa0MB; each file may be at most 10.0\xa0MB.",
        ),
        ("report.pdf", b"MZ\x90\x00" + b"\0" * 400, "report.pdf is not a PDF, an image or an office document"),
        ("notes.txt", b"just some words", "notes.txt is not a PDF, an image or an office document"),
        ("photo.docx", minimal_pdf(), "photo.docx holds a .pdf file but is named .docx"),
    ],
    ids=["50-MB", "exe-renamed-pdf", "plain-text", "pdf-named-docx"],
)
def test_bad_evidence_file_gets_an_error_and_writes_nothing(editor_client, approved_plan, name, content, message):
    before = database_state()
    upload = SimpleUploadedFile(name, content)
    response = editor_client.post(
        reverse("actionplans:progress", args=[approved_plan.pk]),
        {"date": "2026-05-01", "narrative": "Look at the file", "files": [upload]},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert database_state() == before


def test_several_evidence_files_of_allowed_kinds_are_kept(editor_client, approved_plan):
    from tests.actionplans.conftest import minimal_png

    png = minimal_png()
    files = [
        SimpleUploadedFile("minutes.pdf", minimal_pdf()),
        SimpleUploadedFile("photo.png", png),
        SimpleUploadedFile("attendance.xlsx", _xlsx_bytes()),
    ]
    response = editor_client.post(
        reverse("actionplans:progress", args=[approved_plan.pk]),
        {"date": "2026-05-01", "narrative": "Training held", "files": files},
    )
    assert response.status_code == 302
    update = approved_plan.progress_updates.get()
    assert sorted(update.evidence.values_list("content_type", flat=True)) == [
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "image/png",
    ]


@pytest.mark.parametrize(
    ("formset_class", "parent"),
    [("ObjectiveFormSet", "plan"), ("ActionFormSet", "objective"), ("IndicatorFormSet", "objective")],
)
def test_a_tampered_thousand_row_post_builds_no_form_beyond_the_cap(plan_a, formset_class, parent):
    """A POST claiming 1,000 rows is refused after at most the cap's worth of forms, not after validating all."""
    from actionplans import forms as plan_forms

    formset_class = getattr(plan_forms, formset_class)
    instance = plan_a if parent == "plan" else plan_a.objectives.first()
    prefix = "rows"
    data = {f"{prefix}-TOTAL_FORMS": "1000", f"{prefix}-INITIAL_FORMS": "0"}
    for i in range(1000):
        data[f"{prefix}-{i}-title"] = f"Row {i}"
    formset = formset_class(data, instance=instance, prefix=prefix)
    assert not formset.is_valid()
    assert len(formset.forms) <= formset.max_num
    assert formset.non_form_errors()
