"""The training page: the whole seed report entered through it, and every kind of bad input refused cleanly."""

import uuid

import pytest
from django.urls import reverse

from organizations.models import Organization, OrganizationKind
from sessions_log.models import (
    Attendance,
    DiscussionTopic,
    Facilitator,
    Finding,
    SessionTopic,
    Story,
    TrainingSession,
)
from tests.sessions_log.page_data import attendance, session_page_data

SEED_QUESTIONS = [
    "What is gender to you?",
    "What is gender inequality? Does it exist? Is it good or bad?",
    "Why should we care about gender?",
    "Can the way we understand gender be changed?",
    "What characterizes men and women? How are these characteristics associated with power?",
    "What are other important factors affecting gender? (Age, ethnicity, class)",
    "How many women and how many men participate in the organisation and organisation\u2019s projects? Are there "
    "different reasons why men and women participate and do not participate?",
    "How are decisions made and how are the management structured? Are these aspects of organisational culture "
    "connected to gender?",
]
NEW_ORGANIZATIONS = [
    ("Bazar-Korgon Aiyl Okmotu", OrganizationKind.STATE_BODY, 2, 1),
    ("Kara-Suu District State Administration", OrganizationKind.STATE_BODY, 2, 1),
    ("Talas Regional Department of Social Development", OrganizationKind.STATE_BODY, 3, 0),
    ("Aruu-Jer Rural Development Foundation", OrganizationKind.LOCAL_CSO, 2, 0),
    ("Karakol Rural Women's Network", OrganizationKind.LOCAL_CSO, 3, 0),
    ("Umut Women's Crisis Centre", OrganizationKind.LOCAL_CSO, 3, 0),
    ("Kelechek Civic Education Network", OrganizationKind.NATIONAL_CSO, 2, 1),
    ("Teng Ukuk National Equal Rights Network", OrganizationKind.NATIONAL_CSO, 2, 0),
    ("Gender Studies Institute, Osh Regional University", OrganizationKind.RESEARCH, 3, 0),
    ("Institute for Local Governance Research", OrganizationKind.RESEARCH, 1, 1),
]
SEED_FINDINGS = [
    ("Legal norms are a barrier women face.", "legal"),
    ("Socio-cultural norms hold women back.", "socio_cultural"),
    ("Women have poor access to infrastructure.", "infrastructure"),
    ("Women have fewer employment opportunities.", "employment"),
    ("Women participate less in decision-making.", "decision_making"),
    ("Women are employed in administration but not involved in decision-making.", "decision_making"),
]


def seed_page(org_a, org_b, token=None):
    attendances = [attendance(org_a, 3, 0, note="Director and two project staff"), attendance(org_b, 1, 2, 1)]
    attendances += [
        attendance(None, women, men, new_organization_name=name, new_organization_kind=kind)
        for name, kind, women, men in NEW_ORGANIZATIONS
    ]
    return session_page_data(
        token=token,
        session={"summary": "Online session with an international expert."},
        facilitators=[{"name": "Maria Petersson", "affiliation": "CentralAsianGrupperna (CAG)"}],
        attendances=attendances,
        topics=[
            {"new_question": q, "order": "", "key_points": f"Points on question {i}"}
            for i, q in enumerate(SEED_QUESTIONS, 1)
        ],
        stories=[
            {
                "pseudonym": "Aigul",
                "role_context": "Local deputy in one of the municipalities",
                "text": "Not trusted to carry a gun in the militia; pressured not to stand for election.",
                "barriers": ["socio_cultural", "employment", "decision_making"],
                "consent_obtained": "on",
            }
        ],
        findings=[{"statement": statement, "barrier": barrier} for statement, barrier in SEED_FINDINGS],
    )


@pytest.fixture
def coordinator_client(client_for, coordinator):
    return client_for(coordinator)


def errors_of(response):
    """Every error on the page, for assertion messages."""
    context = response.context
    found = dict(context["form"].errors)
    for name, formset in context["formsets"].items():
        found[name] = [form.errors for form in formset.forms if form.errors] + list(formset.non_form_errors())
    return found


def test_the_seed_report_entered_through_the_page_is_recorded_completely(coordinator_client, org_a, org_b):
    response = coordinator_client.post(reverse("sessions_log:create"), seed_page(org_a, org_b), follow=True)

    session = TrainingSession.objects.get()
    assert response.redirect_chain[-1][0] == session.get_absolute_url()
    assert "was saved" in response.content.decode()
    assert session.attendances.count() == 12
    assert Organization.objects.count() == 12  # ten joined the directory on the spot
    assert Organization.objects.get(name="Umut Women's Crisis Centre").kind == OrganizationKind.LOCAL_CSO
    assert [t.topic.question for t in session.session_topics.all()] == SEED_QUESTIONS
    assert [t.order for t in session.session_topics.all()] == list(range(1, 9))
    assert DiscussionTopic.objects.count() == 8  # the new questions joined the library
    story = session.stories.get()
    assert story.pseudonym == "Aigul" and story.consent_obtained
    assert story.barriers == ["socio_cultural", "employment", "decision_making"]
    assert session.findings.count() == 6
    assert session.facilitators.get().affiliation == "CentralAsianGrupperna (CAG)"
    assert session.created_by.username == "coordinator"


def test_the_seed_session_detail_shows_everything_with_the_right_totals(coordinator_client, org_a, org_b):
    coordinator_client.post(reverse("sessions_log:create"), seed_page(org_a, org_b))
    session = TrainingSession.objects.get()

    response = coordinator_client.get(session.get_absolute_url())
    page = response.content.decode()

    totals = response.context["summary"]["totals"]
    # women: 3 + 1 + the ten new ones' 23; men: 0 + 2 + 4; not stated: 1
    assert totals == {"organizations": 12, "women": 27, "men": 6, "not_stated": 1, "total": 34, "share_of_women": 79.4}
    by_kind = {row["kind"]: row for row in response.context["summary"]["by_kind"]}
    assert by_kind["State body"]["organizations"] == 4
    assert by_kind["State body"]["women"] == 8 and by_kind["State body"]["men"] == 4
    assert by_kind["Research institute"]["share_of_women"] == 80.0
    for question in SEED_QUESTIONS:
        assert question in page
    assert "Points on question 8" in page
    assert "Aigul (name changed)" in page
    assert "Participation in decision-making" in page
    assert [label for label, _items in response.context["findings"]] == [
        "Legal norms",
        "Socio-cultural norms",
        "Access to infrastructure",
        "Employment",
        "Participation in decision-making",
    ]
    assert "79.4%" in page


def test_editing_keeps_unchanged_rows_changes_others_and_removes_the_ticked_ones(coordinator_client, org_a, org_b):
    coordinator_client.post(
        reverse("sessions_log:create"),
        session_page_data(
            attendances=[attendance(org_a, 1, 1), attendance(org_b, 2, 2)],
            findings=[{"statement": "First", "barrier": "legal"}, {"statement": "Second", "barrier": "care"}],
        ),
    )
    session = TrainingSession.objects.get()
    a, b = session.attendances.order_by("organization__name")  # Naryn (org_b), then Women's Initiative (org_a)
    first, second = session.findings.all()
    data = session_page_data(
        session={"title": "Renamed"},
        initial={"attendances": 2, "findings": 2},
        attendances=[
            {**attendance(a.organization, 5, 5), "id": a.pk},
            {**attendance(b.organization, b.women, b.men), "id": b.pk, "DELETE": "on"},
        ],
        findings=[
            {"id": first.pk, "statement": "First", "barrier": "legal"},
            {"id": second.pk, "statement": "Second, reworded", "barrier": "care"},
        ],
    )
    response = coordinator_client.post(reverse("sessions_log:edit", args=[session.pk]), data)

    assert response.status_code == 302, errors_of(response)
    session.refresh_from_db()
    assert session.title == "Renamed"
    assert list(session.attendances.values_list("organization__name", "women")) == [(a.organization.name, 5)]
    assert list(session.findings.values_list("statement", flat=True)) == ["First", "Second, reworded"]


def test_a_question_typed_again_reuses_the_library_entry(coordinator_client):
    topic = DiscussionTopic.objects.create(question="Why should we care about gender?", theme="Basics")
    data = session_page_data(topics=[{"new_question": "why should we care about GENDER?", "order": 1}])

    response = coordinator_client.post(reverse("sessions_log:create"), data)

    assert response.status_code == 302, errors_of(response)
    assert DiscussionTopic.objects.count() == 1
    assert SessionTopic.objects.get().topic == topic


def test_a_new_question_joins_the_library_with_its_theme(coordinator_client):
    data = session_page_data(topics=[{"new_question": "Who decides?", "new_theme": "Power", "order": 1}])
    coordinator_client.post(reverse("sessions_log:create"), data)
    assert DiscussionTopic.objects.get().theme == "Power"


def test_a_double_clicked_save_creates_one_session(coordinator_client, org_a, org_b):
    data = seed_page(org_a, org_b, token=uuid.uuid4())

    first = coordinator_client.post(reverse("sessions_log:create"), data)
    second = coordinator_client.post(reverse("sessions_log:create"), data, follow=True)

    session = TrainingSession.objects.get()
    assert first["Location"] == session.get_absolute_url()
    assert second.redirect_chain[-1][0] == session.get_absolute_url()
    assert "already saved" in second.content.decode()
    assert Attendance.objects.count() == 12 and Organization.objects.count() == 12
    assert DiscussionTopic.objects.count() == 8


def test_a_double_clicked_save_of_an_edit_adds_new_rows_once(coordinator_client):
    coordinator_client.post(reverse("sessions_log:create"), session_page_data())
    session = TrainingSession.objects.get()
    data = session_page_data(token=uuid.uuid4(), facilitators=[{"name": "Maria Petersson", "affiliation": "CAG"}])

    coordinator_client.post(reverse("sessions_log:edit", args=[session.pk]), data)
    coordinator_client.post(reverse("sessions_log:edit", args=[session.pk]), data)

    assert Facilitator.objects.count() == 1


def test_the_page_offers_a_fresh_one_time_token_each_time(coordinator_client):
    first = coordinator_client.get(reverse("sessions_log:create")).context["form"]["form_token"].value()
    second = coordinator_client.get(reverse("sessions_log:create")).context["form"]["form_token"].value()
    assert first and second and first != second


def assert_refused(response, form_errors=None, formset=None, field=None):
    """HTTP 200, the page again with the error where it belongs, and nothing written."""
    assert response.status_code == 200
    assert "Nothing was saved yet" in response.content.decode()
    if form_errors:
        assert form_errors in response.context["form"].errors
    if formset:
        forms_with_errors = [form.errors for form in response.context["formsets"][formset].forms if form.errors]
        if field:
            assert any(field in errors for errors in forms_with_errors), forms_with_errors
        else:
            assert forms_with_errors or response.context["formsets"][formset].non_form_errors()
    assert TrainingSession.objects.count() == 0
    assert Attendance.objects.count() == 0
    assert Story.objects.count() == 0
    assert Finding.objects.count() == 0


def test_an_empty_title_is_refused(coordinator_client, org_a):
    data = session_page_data(session={"title": ""}, attendances=[attendance(org_a, 1)])
    assert_refused(coordinator_client.post(reverse("sessions_log:create"), data), form_errors="title")


def test_an_end_date_before_the_start_is_refused(coordinator_client, org_a):
    data = session_page_data(
        session={"start_date": "2021-11-18", "end_date": "2021-11-17"}, attendances=[attendance(org_a, 1)]
    )
    response = coordinator_client.post(reverse("sessions_log:create"), data)
    assert_refused(response, form_errors="end_date")
    assert "cannot be before the start date" in response.content.decode()


@pytest.mark.parametrize("value", ["-1", "three", "1.5"])
def test_negative_or_non_numeric_counts_are_refused_beside_the_field(coordinator_client, org_a, value):
    data = session_page_data(attendances=[attendance(org_a, women=value)])
    response = coordinator_client.post(reverse("sessions_log:create"), data)
    assert_refused(response, formset="attendances", field="women")
    html = response.content.decode()
    assert f'value="{value}"' in html  # the form is refilled with what was typed
    assert "Cannot be negative." in html or "A whole number." in html


def test_the_same_organization_twice_is_refused(coordinator_client, org_a):
    data = session_page_data(attendances=[attendance(org_a, 1), attendance(org_a, 2)])
    response = coordinator_client.post(reverse("sessions_log:create"), data)
    assert_refused(response, formset="attendances", field="organization")
    assert "already listed above" in response.content.decode()


def test_a_new_organization_that_is_already_in_the_directory_is_refused(coordinator_client, org_a):
    row = attendance(None, 1, new_organization_name=org_a.name.upper(), new_organization_kind="local_cso")
    response = coordinator_client.post(reverse("sessions_log:create"), session_page_data(attendances=[row]))
    assert_refused(response, formset="attendances", field="new_organization_name")
    assert Organization.objects.count() == 1


def test_a_new_organization_without_its_kind_is_refused_and_not_created(coordinator_client):
    row = attendance(None, 1, new_organization_name="Brand New NGO", new_organization_kind="")
    response = coordinator_client.post(reverse("sessions_log:create"), session_page_data(attendances=[row]))
    assert_refused(response, formset="attendances", field="new_organization_kind")
    assert not Organization.objects.filter(name="Brand New NGO").exists()


def test_an_attendance_row_without_any_organization_is_refused(coordinator_client):
    response = coordinator_client.post(
        reverse("sessions_log:create"), session_page_data(attendances=[attendance(None, 4)])
    )
    assert_refused(response, formset="attendances", field="organization")


def test_a_story_without_consent_is_refused(coordinator_client):
    story = {"pseudonym": "Aigul", "text": "A story", "barriers": ["legal"]}
    response = coordinator_client.post(reverse("sessions_log:create"), session_page_data(stories=[story]))
    assert_refused(response, formset="stories", field="consent_obtained")
    assert "consent" in response.content.decode()


def test_an_unknown_barrier_is_refused(coordinator_client):
    story = {"pseudonym": "Aigul", "text": "A story", "barriers": ["witchcraft"], "consent_obtained": "on"}
    response = coordinator_client.post(reverse("sessions_log:create"), session_page_data(stories=[story]))
    assert_refused(response, formset="stories", field="barriers")


def test_the_same_question_twice_is_refused(coordinator_client):
    topic = DiscussionTopic.objects.create(question="What is gender to you?")
    data = session_page_data(topics=[{"topic": topic.pk}, {"new_question": "What is gender to you?"}])
    response = coordinator_client.post(reverse("sessions_log:create"), data)
    assert_refused(response, formset="session_topics", field="new_question")


def test_errors_in_several_parts_are_all_shown_at_once(coordinator_client, org_a):
    data = session_page_data(
        session={"title": ""},
        attendances=[attendance(org_a, -1)],
        stories=[{"pseudonym": "Aigul", "text": "A story"}],
    )
    response = coordinator_client.post(reverse("sessions_log:create"), data)
    assert_refused(response, form_errors="title", formset="attendances", field="women")
    assert any(f.errors for f in response.context["formsets"]["stories"].forms)


@pytest.mark.parametrize("total", ["abc", "", "5000", "-1", "0"])
def test_a_tampered_total_forms_count_is_a_form_error_not_a_crash(coordinator_client, org_a, total):
    data = session_page_data(attendances=[attendance(org_a, 1)])
    data["attendances-TOTAL_FORMS"] = total
    response = coordinator_client.post(reverse("sessions_log:create"), data)
    assert response.status_code == 200
    assert response.context["formsets"]["attendances"].non_form_errors()
    assert TrainingSession.objects.count() == 0


def test_a_missing_management_form_is_a_form_error_not_a_crash(coordinator_client, org_a):
    data = session_page_data(attendances=[attendance(org_a, 1)])
    del data["attendances-TOTAL_FORMS"], data["attendances-INITIAL_FORMS"]
    response = coordinator_client.post(reverse("sessions_log:create"), data)
    assert response.status_code == 200
    assert TrainingSession.objects.count() == 0


def other_session(org):
    session = TrainingSession.objects.create(title="Another training", start_date="2022-03-01", end_date="2022-03-01")
    row = Attendance.objects.create(session=session, organization=org, women=9, men=9)
    finding = Finding.objects.create(session=session, statement="Theirs", barrier="legal")
    return session, row, finding


def test_a_foreign_row_id_in_a_new_session_is_refused_and_the_other_session_is_untouched(
    coordinator_client, org_a, org_b
):
    _other, row, _finding = other_session(org_b)
    data = session_page_data(initial={"attendances": 1}, attendances=[{**attendance(org_a, 1), "id": row.pk}])

    response = coordinator_client.post(reverse("sessions_log:create"), data)

    assert response.status_code == 200
    assert "no longer matches" in response.content.decode()
    assert TrainingSession.objects.count() == 1
    row.refresh_from_db()
    assert (row.organization, row.women) == (org_b, 9)


def test_a_foreign_row_id_in_an_edit_changes_and_deletes_nothing(coordinator_client, org_a, org_b):
    _other, row, finding = other_session(org_b)
    mine = TrainingSession.objects.create(title="Mine", start_date="2022-04-01", end_date="2022-04-01")
    edit = reverse("sessions_log:edit", args=[mine.pk])

    changed = session_page_data(initial={"attendances": 1}, attendances=[{**attendance(org_a, 1), "id": row.pk}])
    deleted = session_page_data(
        initial={"findings": 1}, findings=[{"id": finding.pk, "statement": "x", "barrier": "legal", "DELETE": "on"}]
    )
    for data in (changed, deleted):
        response = coordinator_client.post(edit, data)
        assert response.status_code == 200

    row.refresh_from_db()
    assert (row.session_id, row.organization, row.women) == (_other.pk, org_b, 9)
    assert Finding.objects.filter(pk=finding.pk).exists()
    assert not mine.attendances.exists()


def test_a_clash_at_save_time_is_a_form_error_and_nothing_is_written(coordinator_client, org_a, monkeypatch):
    from django.db import IntegrityError

    from sessions_log import services

    real_save = services._save

    def clashing_save(**kwargs):
        real_save(**kwargs)
        raise IntegrityError("attendance_unique_session_organization")

    monkeypatch.setattr(services, "_save", clashing_save)
    response = coordinator_client.post(
        reverse("sessions_log:create"), session_page_data(attendances=[attendance(org_a, 1)])
    )

    assert response.status_code == 200
    assert "Nothing was saved" in response.content.decode()
    assert not TrainingSession.objects.exists() and not Attendance.objects.exists()
    assert response.context["session"].pk is None


def test_the_missing_consent_is_said_once(coordinator_client):
    story = {"pseudonym": "Aigul", "text": "A story"}
    response = coordinator_client.post(reverse("sessions_log:create"), session_page_data(stories=[story]))
    assert response.content.decode().count("A story can only be recorded with the participant&#x27;s consent.") == 1
