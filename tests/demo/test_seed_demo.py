# Russian text and typographic dashes are meant: they are what the Russian-writing partners type.
"""`manage.py seed_demo`: the demo reproduces the November 2021 training report and can be run again safely."""

import datetime
import re

import pytest
from django.apps import apps
from django.db.models import Sum
from django.utils import timezone
from django.utils.html import escape

from actionplans.models import Action, ActionPlan, Indicator, Measurement, ProgressUpdate, ReviewComment
from core.roles import is_coordinator
from organizations.models import HeadcountSnapshot, Level, Membership, Organization, OrganizationKind, User
from sessions_log.models import Attendance, Barrier, DiscussionTopic, Finding, Story, TrainingSession
from tests.demo.conftest import seed

# The eight questions of ../shared/seed/training-report-2021-11.txt, verbatim.
REPORT_QUESTIONS = [
    "What is gender to you?",
    "What is gender inequality? Does it exist? Is it good or bad?",
    "Why should we care about gender?",
    "Can the way we understand gender be changed?",
    "What characterizes men and women? How are these characteristics associated with power?",
    "What are other important factors affecting gender? (Age, ethnicity, class)",
    "How many women and how many men participate in the organisation and organisation\N{RIGHT SINGLE QUOTATION MARK}s "
    "projects? Are there different reasons why men and women participate and do not participate?",
    "How are decisions made and how are the management structured? Are these aspects of organisational culture "
    "connected to gender?",
]
TODAY = datetime.date(2026, 11, 28)


def row_counts():
    """Rows of every table the project has, history and many-to-many tables included."""
    return {model._meta.label: model._base_manager.count() for model in apps.get_models(include_auto_created=True)}


@pytest.fixture(autouse=True)
def _no_demo_password_from_the_callers_shell(monkeypatch):
    """The default password unless a test sets one: no test depends on the caller's environment."""
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)


@pytest.fixture
def session(seeded):
    return TrainingSession.objects.get(title="Gender mainstreaming in organizations")


def test_running_it_twice_changes_nothing(seeded):
    before = row_counts()
    stamps = list(Organization.objects.order_by("pk").values_list("updated_at", flat=True))
    plans = list(ActionPlan.objects.order_by("pk").values_list("updated_at", "version", "status"))
    hashes = dict(User.objects.values_list("username", "password"))

    output = seed()

    assert row_counts() == before
    assert list(Organization.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps
    assert list(ActionPlan.objects.order_by("pk").values_list("updated_at", "version", "status")) == plans
    assert dict(User.objects.values_list("username", "password")) == hashes
    assert "nothing to create" in output


def test_a_second_run_keeps_what_people_changed_in_the_demo(seeded):
    plan = ActionPlan.objects.get(organization__memberships__user__username="partner")
    plan.title = "Our own title"
    plan.save()
    count = ActionPlan.objects.count()

    seed()

    plan.refresh_from_db()
    assert plan.title == "Our own title"
    assert ActionPlan.objects.count() == count


def test_session_is_the_online_training_of_november_2021(session):
    assert session.start_date == datetime.date(2021, 11, 16)
    assert session.format == TrainingSession.Format.ONLINE
    assert session.venue == "Zoom"
    assert session.status == TrainingSession.Status.HELD
    assert session.language
    assert "action plan" in session.summary
    facilitator = session.facilitators.get()
    assert facilitator.name == "Maria Petersson"
    assert "CentralAsianGrupperna (CAG)" in facilitator.affiliation
    assert session.host_organization.short_name == "CAG"
    assert session.host_organization.kind == OrganizationKind.INTERNATIONAL


def test_twelve_partner_organizations_of_the_reported_kinds_attended(session):
    attendances = Attendance.objects.filter(session=session).select_related("organization")
    organizations = [attendance.organization for attendance in attendances]

    assert len(organizations) == 12
    assert {organization.kind for organization in organizations} == {
        OrganizationKind.STATE_BODY,
        OrganizationKind.LOCAL_CSO,
        OrganizationKind.NATIONAL_CSO,
        OrganizationKind.RESEARCH,
    }
    assert session.host_organization not in organizations
    assert all(
        organization.contact_person and organization.email and organization.region for organization in organizations
    )
    totals = attendances.aggregate(women=Sum("women"), men=Sum("men"), not_stated=Sum("not_stated"))
    assert 25 <= sum(totals.values()) <= 35
    assert totals["women"] > 2 * totals["men"]


def test_the_eight_questions_are_in_the_library_and_linked_in_order(session):
    linked = list(session.session_topics.select_related("topic").order_by("order"))

    assert [link.topic.question for link in linked] == REPORT_QUESTIONS
    assert [link.order for link in linked] == list(range(1, 9))
    assert all(link.key_points and link.topic.theme for link in linked)
    assert DiscussionTopic.objects.filter(question__in=REPORT_QUESTIONS).count() == 8


def test_the_local_deputys_story_is_told_under_a_changed_name_with_consent(session):
    story = Story.objects.get(session=session)

    assert story.pseudonym == "Aigul"
    assert story.consent_obtained
    assert "deputy" in story.role_context
    assert "gun" in story.text and "household" in story.text
    assert {Barrier.SOCIO_CULTURAL, Barrier.DECISION_MAKING} <= set(story.barriers)
    story.full_clean()


def test_findings_name_the_barriers_of_the_report(session):
    findings = Finding.objects.filter(session=session)

    assert {finding.barrier for finding in findings} == {
        Barrier.LEGAL,
        Barrier.SOCIO_CULTURAL,
        Barrier.INFRASTRUCTURE,
        Barrier.EMPLOYMENT,
        Barrier.DECISION_MAKING,
    }
    assert findings.filter(barrier=Barrier.DECISION_MAKING, statement__contains="administrative").exists()


def test_headcounts_show_women_in_administration_but_not_in_management(seeded):
    def share_of_women(level):
        totals = HeadcountSnapshot.objects.filter(as_of=datetime.date(2021, 11, 30), level=level).aggregate(
            women=Sum("women"), men=Sum("men")
        )
        return totals["women"] / (totals["women"] + totals["men"])

    assert share_of_women(Level.ADMINISTRATIVE) > 0.75
    assert share_of_women(Level.MANAGEMENT) < 0.35
    assert share_of_women(Level.GOVERNING) < 0.35
    assert len({row.organization_id for row in HeadcountSnapshot.objects.all()}) == 12
    profiled_twice = {
        organization
        for organization in Organization.objects.all()
        if organization.headcounts.values("as_of").distinct().count() > 1
    }
    assert len(profiled_twice) >= 3


def test_a_follow_up_workshop_was_held_in_2026_and_a_training_is_planned(seeded):
    sessions = TrainingSession.objects.order_by("start_date")

    assert [(session.start_date.year, session.status) for session in sessions] == [
        (2021, TrainingSession.Status.HELD),
        (2026, TrainingSession.Status.HELD),
        (2027, TrainingSession.Status.PLANNED),
    ]
    assert not sessions[2].attendances.exists()
    assert Story.objects.count() == 1


def test_every_attending_organization_has_a_plan_from_the_session(session):
    plans = ActionPlan.objects.filter(source_session=session)

    assert plans.count() == 12
    assert set(plans.values_list("organization", flat=True)) == set(
        session.attendances.values_list("organization", flat=True)
    )
    for plan in plans:
        assert plan.statement_of_intent
        assert plan.objectives.count() >= 3
        assert len({objective.content_area for objective in plan.objectives.all()}) >= 3
        assert Action.objects.filter(objective__plan=plan).count() >= 6
        assert {indicator.kind for indicator in Indicator.objects.filter(objective__plan=plan)} >= {
            Indicator.Kind.COUNT,
            Indicator.Kind.YES_NO,
        }
    assert plans.filter(status=ActionPlan.Status.DRAFT).count() == 8
    for status in ("submitted", "returned", "approved", "completed"):
        assert plans.filter(status=status).count() == 1


def test_share_indicators_take_their_baseline_from_the_headcount(seeded):
    indicators = Indicator.objects.filter(kind=Indicator.Kind.SHARE_OF_WOMEN).select_related("objective__plan")

    assert indicators.count() == 10
    for indicator in indicators:
        snapshot = HeadcountSnapshot.objects.get(
            organization=indicator.objective.plan.organization, as_of=indicator.baseline_date, level=Level.MANAGEMENT
        )
        assert float(indicator.baseline_value) == pytest.approx(snapshot.share_of_women, abs=0.1)
        indicator.full_clean()


def test_the_approved_plan_has_progress_and_two_overdue_actions(seeded):
    plan = ActionPlan.objects.get(status=ActionPlan.Status.APPROVED)

    assert plan.approved_by.username == "coordinator"
    assert plan.approved_at
    assert ProgressUpdate.objects.filter(plan=plan).exists()
    assert Indicator.objects.filter(objective__plan=plan, measurements__isnull=False).distinct().count() == 3
    assert list(Action.objects.overdue(today=TODAY).values_list("objective__plan", flat=True)) == [plan.pk] * 2


def test_the_returned_plan_says_why(seeded):
    plan = ActionPlan.objects.get(status=ActionPlan.Status.RETURNED)

    assert ReviewComment.objects.get(plan=plan).decision == ReviewComment.Decision.RETURNED


def test_demo_users_have_their_roles_and_the_demo_password(seeded):
    users = {user.username: user for user in User.objects.all()}

    assert users["admin"].is_superuser and users["admin"].is_staff
    assert is_coordinator(users["coordinator"]) and not users["coordinator"].is_staff
    assert not is_coordinator(users["partner"]) and not is_coordinator(users["partner2"])
    for user in users.values():
        assert user.check_password("demo")
    partner_org = Membership.objects.get(user=users["partner"], role=Membership.Role.EDITOR).organization
    partner2_org = Membership.objects.get(user=users["partner2"], role=Membership.Role.EDITOR).organization
    assert partner_org != partner2_org
    assert ActionPlan.objects.get(organization=partner_org).status == ActionPlan.Status.DRAFT


def test_each_user_sees_what_their_role_allows(seeded):
    coordinator, partner, partner2 = (
        User.objects.get(username=name) for name in ("coordinator", "partner", "partner2")
    )
    partner_org = partner.memberships.get().organization

    assert ActionPlan.objects.for_user(coordinator).count() == 12
    assert Organization.objects.for_user(coordinator).count() == 13
    assert Story.objects.for_user(coordinator).count() == 1
    assert list(Organization.objects.for_user(partner)) == [partner_org]
    assert list(ActionPlan.objects.for_user(partner).values_list("organization", flat=True)) == [partner_org.pk]
    assert not ActionPlan.objects.for_user(partner2).filter(organization=partner_org).exists()
    assert ActionPlan.objects.for_user(partner2).count() == 1
    assert not Story.objects.for_user(partner).exists()
    assert not TrainingSession.objects.for_user(partner).exists()
    assert {row.organization_id for row in HeadcountSnapshot.objects.for_user(partner)} == {partner_org.pk}


def test_summary_prints_the_sign_ins(seeded):
    for username in ("admin", "coordinator", "partner", "partner2"):
        assert username in seeded
    assert "password demo" in seeded


def test_plan_history_carries_the_dates_and_authors_of_the_story(seeded):
    plan = ActionPlan.objects.get(status=ActionPlan.Status.APPROVED)
    created = plan.history.earliest()
    measurement = Measurement.objects.filter(indicator__objective__plan=plan).first()

    assert created.history_date.date() == datetime.date(2025, 12, 10)
    assert created.history_user.username == "partner2"
    assert measurement.history.get().history_date.date() == measurement.date
    update = ProgressUpdate.objects.get(plan=plan)
    assert timezone.localtime(update.created_at).date() == update.date == datetime.date(2026, 7, 15)
    latest = ActionPlan.objects.order_by("-updated_at").first()
    assert latest.organization.memberships.get().user.username == "partner"


def test_every_page_of_the_demo_opens_for_the_coordinator(seeded, client_for):
    client = client_for(User.objects.get(username="coordinator"))
    urls = ["/", "/sessions/", "/topics/", "/organizations/", "/plans/"]
    urls += [session.get_absolute_url() for session in TrainingSession.objects.all()]
    urls += [organization.get_absolute_url() for organization in Organization.objects.all()]
    for plan in ActionPlan.objects.all():
        urls += [plan.get_absolute_url(), f"{plan.get_absolute_url()}print/"]

    failed = {url: response.status_code for url in urls if (response := client.get(url)).status_code != 200}

    assert failed == {}


def test_partners_open_their_own_pages_of_the_demo_and_no_others(seeded, client_for):
    for username in ("partner", "partner2"):
        user = User.objects.get(username=username)
        client = client_for(user)
        own = user.memberships.get().organization
        plan = ActionPlan.objects.get(organization=own)
        other = ActionPlan.objects.exclude(organization=own).first()

        assert escape(own.name) in client.get("/").content.decode()
        assert client.get(plan.get_absolute_url()).status_code == 200
        assert client.get(own.get_absolute_url()).status_code == 200
        assert client.get(other.get_absolute_url()).status_code == 404
        assert client.get(other.organization.get_absolute_url()).status_code == 404


# --- Languages: content stays in the language the people who typed it would write -----------------------------

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
LATIN = re.compile(r"[A-Za-z]")


def plan_texts(plan):
    """Everything a partner or the coordinator typed into a plan, as the pages show it."""
    texts = [plan.title, plan.statement_of_intent]
    for objective in plan.objectives.all():
        texts += [objective.title, objective.description]
        texts += [text for action in objective.actions.all() for text in (action.title, action.responsible)]
        for indicator in objective.indicators.all():
            texts += [indicator.name, indicator.data_source, indicator.unit]
            texts += [measurement.note for measurement in indicator.measurements.all()]
    texts += [update.narrative for update in ProgressUpdate.objects.filter(plan=plan)]
    texts += [comment.text for comment in ReviewComment.objects.filter(plan=plan)]
    return [text for text in texts if text and text != "%"]


def test_about_half_of_the_partners_write_their_plans_in_russian(seeded):
    russian, english = [], []
    for plan in ActionPlan.objects.select_related("organization"):
        texts = plan_texts(plan)
        if CYRILLIC.search(plan.title):
            assert [text for text in texts if LATIN.search(text)] == [], plan.organization.name
            assert CYRILLIC.search(plan.organization.name) and CYRILLIC.search(plan.organization.address)
            russian.append(plan)
        else:
            assert [text for text in texts if CYRILLIC.search(text)] == [], plan.organization.name
            english.append(plan)

    assert (len(russian), len(english)) == (7, 5)
    assert {plan.organization.kind for plan in russian} == {
        OrganizationKind.STATE_BODY,
        OrganizationKind.LOCAL_CSO,
        OrganizationKind.NATIONAL_CSO,
    }
    assert all(plan.organization.kind != OrganizationKind.STATE_BODY for plan in english)
    # The plans with a review, an update and measurements are among the Russian ones, so a demo in Russian shows them.
    assert {plan.status for plan in russian} >= {ActionPlan.Status.APPROVED, ActionPlan.Status.RETURNED}


def test_the_demo_partners_plans_read_as_a_partner_in_kyrgyzstan_would_write_them(seeded):
    partner_plan = ActionPlan.objects.get(organization__memberships__user__username="partner")
    naryn_plan = ActionPlan.objects.get(organization__memberships__user__username="partner2")

    assert partner_plan.organization.name == "Общественный фонд развития села «Аруу-Жер»"
    assert partner_plan.title == "Гендерный план действий на 2027–2028 гг."
    assert partner_plan.statement_of_intent.startswith("На онлайн-тренинге по гендерному мейнстримингу")
    assert "Общественный фонд развития села «Аруу-Жер» обязуется" in partner_plan.statement_of_intent
    assert naryn_plan.organization.name == "Мэрия города Нарын"
    assert naryn_plan.title == "Гендерный план действий на 2026–2027 гг."
    assert list(naryn_plan.objectives.values_list("title", flat=True)) == [
        "Больше женщин в руководстве и принятии решений",
        "Сотрудники и сотрудницы понимают гендерную проблематику и применяют это в работе",
        "Работа, совместимая с семейными обязанностями и уходом за близкими",
    ]
    assert Action.objects.filter(objective__plan=naryn_plan, responsible="Мэр города").count() == 3
    assert Indicator.objects.get(objective__plan=naryn_plan, kind=Indicator.Kind.COUNT).unit == "чел."
    assert ReviewComment.objects.get(plan=naryn_plan).text.startswith("Утверждён.")
    assert naryn_plan.organization.headcounts.filter(source__startswith="Кадровый учёт").exists()


def test_the_2021_session_stays_in_english_and_the_later_ones_are_in_russian(session):
    english = [session.title, session.summary, session.language, session.facilitators.get().affiliation]
    english += [link.key_points for link in session.session_topics.all()]
    english += [finding.statement for finding in session.findings.all()]
    english += [Story.objects.get(session=session).text]
    later = TrainingSession.objects.exclude(pk=session.pk).order_by("start_date")
    workshop = later[0]

    assert [text for text in english if CYRILLIC.search(text)] == []
    assert [(s.title, bool(LATIN.search(s.summary))) for s in later] == [
        ("От обязательств к гендерным планам действий", False),
        ("Гендерно-ориентированное бюджетирование в органах местного самоуправления", False),
    ]
    assert all(CYRILLIC.search(link.key_points) for link in workshop.session_topics.all())
    assert all(CYRILLIC.search(finding.statement) for finding in workshop.findings.all())
    # The topic library stays one list: the report's question is linked to the workshop too, not copied.
    assert workshop.session_topics.filter(topic__question=REPORT_QUESTIONS[6]).exists()


def test_the_reporting_plans_have_past_periods_in_every_status_and_indicators_of_each_kind(seeded):
    """Issue 10 §7: the approved and completed plans have past periods accepted, sent back, overdue and submitted,
    and indicators of each kind and way of adding up (counts with women / men / not stated)."""
    from actionplans.models import PeriodReport, ReportingPeriod, ReportValue

    periods = ReportingPeriod.objects.with_report().filter(
        plan__status__in=[ActionPlan.Status.APPROVED, ActionPlan.Status.COMPLETED], end__lt=TODAY
    )
    assert {p.plan.status for p in periods} == {ActionPlan.Status.APPROVED, ActionPlan.Status.COMPLETED}
    assert {p.state(TODAY) for p in periods} >= {"accepted", "returned", "overdue", "submitted"}
    returned = PeriodReport.objects.get(status=PeriodReport.Status.RETURNED)
    assert returned.review_comment
    indicators = Indicator.objects.filter(objective__plan__reporting_periods__isnull=False).distinct()
    assert {i.kind for i in indicators} == set(Indicator.Kind.values)
    assert {i.aggregation for i in indicators} == set(Indicator.Aggregation.values)
    assert ReportValue.objects.filter(
        report__status=PeriodReport.Status.ACCEPTED, indicator__counts_people=True, women__gt=0, men__gt=0
    ).exists()
