"""The training page's rows are light (issue: the edit page was 1/300 of the trivial view, 146 KB at 10x).

Row fields are written by core's ``field_group`` filter and widgets by ``core.renderers.QUICK_WIDGETS`` instead of
crispy's and Django's templates: the markup must stay what it was (labels bound to inputs, the error beside the
field and described-by, ``is-invalid``), the page must not grow with the topic library or the directory, and it
costs a fixed number of queries whatever the number of rows.
"""

import datetime
import re

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms
from django.forms.renderers import get_default_renderer
from django.urls import reverse

from core.renderers import QUICK_WIDGETS
from core.templatetags.field_groups import field_group
from organizations.models import Organization
from sessions_log.forms import (
    AttendanceForm,
    FacilitatorForm,
    FindingForm,
    SessionTopicForm,
    StoryForm,
    TrainingSessionForm,
)
from sessions_log.models import Attendance, DiscussionTopic, Facilitator, Finding, SessionTopic, Story, TrainingSession
from sessions_log.selectors import TRAINING_PAGES_STAMP
from tests.kept import KEPT_QUERIES, draw_again
from tests.markup import same_markup
from tests.sessions_log.page_data import attendance, session_page_data

DAY = datetime.date(2021, 11, 18)


def recorded_training(rows):
    session = TrainingSession.objects.create(title="Gender audit", start_date=DAY, end_date=DAY)
    for number in range(rows):
        organization = Organization.objects.create(name=f"Organization {number}", kind="other")
        Attendance.objects.create(session=session, organization=organization, women=2, men=1)
        topic = DiscussionTopic.objects.create(question=f"Question {number}?", is_active=number % 2 == 0)
        SessionTopic.objects.create(session=session, topic=topic, order=number, key_points="Points")
        Facilitator.objects.create(session=session, name=f"Facilitator {number}")
        Story.objects.create(session=session, pseudonym=f"P{number}", text="Text", consent_obtained=True)
        Finding.objects.create(session=session, statement=f"Finding {number}", barrier="care")
    return session


@pytest.mark.parametrize("rows", [3, 30])
def test_the_edit_page_costs_the_same_queries_for_3_and_30_rows(
    client_for, coordinator, rows, django_assert_num_queries
):
    session = recorded_training(rows)
    client = client_for(coordinator)
    # session, user, permissions (1) for the coordinator check, the training, the directory's stamp; the chosen
    # organizations' names and the chosen questions' labels for the pickers (1 each), then one query each for the
    # rows of facilitators, attendance, topics, stories and findings, the bell's unread count, and the stamp of the
    # page kept whole.
    with django_assert_num_queries(14):
        response = client.get(reverse("sessions_log:edit", args=[session.pk]))
    assert response.status_code == 200
    # Drawn again while nothing changed: the rows are drawn from the cache, none is read, and the permissions come
    # from the cache (8 fewer); seen again, the page is kept whole.
    draw_again(TRAINING_PAGES_STAMP)
    with django_assert_num_queries(6):
        again = client.get(reverse("sessions_log:edit", args=[session.pk]))
    with django_assert_num_queries(KEPT_QUERIES):
        kept = client.get(reverse("sessions_log:edit", args=[session.pk]))
    strip_token = re.compile(r'name="(form_token|csrfmiddlewaretoken)" value="[^"]*"')
    for page in (again, kept):
        assert strip_token.sub("", page.content.decode()) == strip_token.sub("", response.content.decode())


def one_time_token(response):
    return re.search(r'name="form_token" value="([^"]+)"', response.content.decode()).group(1)


def test_each_visit_from_the_cache_gets_its_own_one_time_token(client_for, coordinator):
    """Two coordinators opening the same training must not share the token that tells a repeated save apart."""
    session = recorded_training(2)
    client = client_for(coordinator)
    url = reverse("sessions_log:edit", args=[session.pk])
    assert one_time_token(client.get(url)) != one_time_token(client.get(url))
    new = reverse("sessions_log:create")
    assert one_time_token(client.get(new)) != one_time_token(client.get(new))


def test_a_refused_save_after_a_cached_visit_shows_what_was_typed_and_the_errors(client_for, coordinator):
    session = recorded_training(1)
    client = client_for(coordinator)
    url = reverse("sessions_log:edit", args=[session.pk])
    client.get(url)  # the blank page in the cache
    data = session_page_data({"title": "A new title typed", "end_date": "2000-01-01"})
    page = client.post(url, data).content.decode()
    assert "Nothing was saved yet." in page and 'value="A new title typed"' in page and "is-invalid" in page
    assert 'value="A new title typed"' not in client.get(url).content.decode()


def test_a_row_saved_through_the_page_shows_on_the_next_visit(client_for, coordinator):
    session = recorded_training(1)
    client = client_for(coordinator)
    url = reverse("sessions_log:edit", args=[session.pk])
    assert "Facilitator 0" in client.get(url).content.decode()
    facilitator = Facilitator.objects.get(session=session)
    facilitator.name = "Renamed facilitator"
    facilitator.save()  # as the page, the admin or an import would
    assert "Renamed facilitator" in client.get(url).content.decode()


def test_the_page_does_not_grow_with_the_topic_library_or_the_directory(client_for, coordinator):
    session = recorded_training(3)
    client = client_for(coordinator)
    url = reverse("sessions_log:edit", args=[session.pk])
    before = client.get(url).content.decode()
    for number in range(200):
        DiscussionTopic.objects.create(question=f"Another question {number:03}?")
        Organization.objects.create(name=f"Another organization {number:03}")
    after = client.get(url).content.decode()
    strip_token = re.compile(r'name="(form_token|csrfmiddlewaretoken)" value="[^"]*"')
    assert strip_token.sub("", after) == strip_token.sub("", before)
    assert "Another" not in after


def test_a_chosen_question_shows_in_its_row_and_an_inactive_one_says_so(client_for, coordinator):
    session = recorded_training(2)
    html = client_for(coordinator).get(reverse("sessions_log:edit", args=[session.pk])).content.decode()
    assert 'data-autocomplete-url="/topics/lookup/"' in html
    assert re.search(r'<option value="\d+" selected>Question 0\?</option>', html)
    assert re.search(r'<option value="\d+" selected>Question 1\? \(inactive\)</option>', html)


def test_the_topic_lookup_offers_active_questions_to_coordinators_only(client_for, coordinator, partner):
    DiscussionTopic.objects.create(question="What does gender mean to you?", theme="Basics")
    DiscussionTopic.objects.create(question="Who decides at home?", theme="Care")
    DiscussionTopic.objects.create(question="What did gender mean before?", theme="Basics", is_active=False)
    url = reverse("sessions_log:topic_lookup")
    assert client_for(partner).get(url, {"q": "gender"}).status_code == 404
    client = client_for(coordinator)
    found = client.get(url, {"q": "gender"}).json()
    assert [row["text"] for row in found["results"]] == ["What does gender mean to you?"]
    by_theme = client.get(url, {"q": "care"}).json()
    assert [row["text"] for row in by_theme["results"]] == ["Who decides at home?"]


def test_a_question_picked_through_the_lookup_is_saved(client_for, coordinator, org_a):
    topic = DiscussionTopic.objects.create(question="What does gender mean to you?")
    data = session_page_data(
        attendances=[attendance(org_a, women=2)], topics=[{"topic": topic.pk, "order": "", "key_points": "Roles"}]
    )
    response = client_for(coordinator).post(reverse("sessions_log:create"), data)
    assert response.status_code == 302
    assert list(SessionTopic.objects.values_list("topic__question", "key_points")) == [(topic.question, "Roles")]


def test_an_error_stays_beside_its_field_described_by_and_marked_invalid(client_for, coordinator, org_a):
    data = session_page_data(attendances=[attendance(org_a, women=-1)])
    html = client_for(coordinator).post(reverse("sessions_log:create"), data).content.decode()
    field = re.search(r'<input [^>]*name="attendances-0-women"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in field
    assert 'aria-describedby="id_attendances-0-women_error"' in field
    assert "is-invalid" in field
    assert (
        '<div id="id_attendances-0-women_error" class="invalid-feedback">'
        '<p id="error_1_id_attendances-0-women"><strong>Cannot be negative.</strong></p></div>'
    ) in html
    assert '<label for="id_attendances-0-women" class="form-label requiredField">Women' in html


ROW_FORMS = [
    (AttendanceForm, {"women": "-1", "men": "x", "not_stated": "", "new_organization_name": "New", "note": "<b>"}),
    (SessionTopicForm, {"order": "-2", "key_points": "Said <this>"}),
    (FacilitatorForm, {"name": "", "affiliation": "NGO"}),
    (StoryForm, {"pseudonym": "", "text": "Told", "consent_obtained": ""}),
    (FindingForm, {"statement": "", "barrier": "nonsense"}),
]


@pytest.mark.parametrize(("form_class", "data"), ROW_FORMS, ids=[form.__name__ for form, _ in ROW_FORMS])
@pytest.mark.parametrize("bound", [False, True], ids=["blank", "with errors"])
def test_a_row_field_has_the_markup_crispy_gave_it(db, form_class, data, bound):
    form = form_class({f"row-{key}": value for key, value in data.items()} if bound else None, prefix="row")
    if bound:
        assert not form.is_valid()
    for field in form:
        if field.name == "barriers":  # a checkbox list: the story row lays it out itself, in a fieldset
            continue
        assert same_markup(field_group(field), as_crispy_field(field)), field.name


@pytest.mark.parametrize("bound", [False, True], ids=["blank", "with errors"])
def test_the_training_fields_have_the_markup_crispy_gave_them(db, bound):
    data = {"title": "", "start_date": "18.11.2021", "end_date": "", "format": "somewhere", "summary": "<i>"}
    form = TrainingSessionForm(data if bound else None, organizations=Organization.objects.all())
    if bound:
        assert not form.is_valid()
    for field in form:
        assert same_markup(field_group(field), as_crispy_field(field)), field.name


@pytest.mark.parametrize(
    "widget",
    [
        forms.TextInput(attrs={"class": "form-control", "placeholder": "Say <it> “here”", "maxlength": 10}),
        forms.NumberInput(attrs={"min": 0, "required": True, "disabled": False}),
        forms.HiddenInput(),
        forms.CheckboxInput(),
        forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        forms.Textarea(attrs={"rows": 2}),
        forms.Select(choices=[("", "— pick —"), ("a", "A & B"), (3, "Three")]),
        forms.Select(choices=[("Group <1>", [("x", "X"), ("y", "Y")]), ("z", "Z")]),
        forms.SelectMultiple(choices=[("a", "A"), ("b", "B")]),
        forms.CheckboxSelectMultiple(choices=[("a", "A"), ("b", "B")]),
    ],
    ids=lambda widget: type(widget).__name__,
)
@pytest.mark.parametrize("value", [None, "", "a", 3, ["a", "b"], True, 'x<"y">&', DAY])
def test_quick_widgets_write_what_django_templates_write(widget, value):
    attrs = {"id": "id_field", "aria-describedby": "id_field_error"}
    assert widget.render("field", value, attrs, renderer=QUICK_WIDGETS) == widget.render(
        "field", value, attrs, renderer=get_default_renderer()
    )
