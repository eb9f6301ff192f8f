"""Queries prepared once per process (core.prepared): the session, the person and the bell's count read the same
rows as the ORM would, with the same types, on SQLite and PostgreSQL alike."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from accounts.backends import EmailOrUsernameBackend
from core import stamps
from core.models import Stamp
from core.prepared import KEY, Prepared
from core.roles import is_coordinator
from notifications.models import Notification
from notifications.selectors import unread_count


def test_the_person_read_by_the_backend_is_the_one_the_orm_reads(partner):
    partner.last_login = timezone.now() - datetime.timedelta(days=3)
    partner.save()
    read = EmailOrUsernameBackend().get_user(str(partner.pk))
    expected = get_user_model().objects.get(pk=partner.pk)
    fields = [field.attname for field in get_user_model()._meta.concrete_fields]
    assert {name: getattr(read, name) for name in fields} == {name: getattr(expected, name) for name in fields}
    assert isinstance(read.last_login, datetime.datetime) and read.last_login.tzinfo is not None
    assert read.is_active is True and read._state.adding is False and read._state.db == "default"


def test_an_unknown_or_deactivated_person_is_nobody(partner):
    backend = EmailOrUsernameBackend()
    assert backend.get_user(partner.pk + 1000) is None
    assert backend.get_user("not a number") is None
    partner.is_active = False
    partner.save()
    assert backend.get_user(partner.pk) is None


def test_a_session_is_read_until_it_expires(client, partner):
    client.force_login(partner)
    assert client.get(reverse("notifications:list")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_bell_counts_only_the_persons_unread_notifications(partner, coordinator):
    unread = [(partner, None), (partner, None), (partner, timezone.now()), (coordinator, None)]
    for n, (recipient, read_at) in enumerate(unread):
        Notification.objects.create(recipient=recipient, kind="plan_submitted", link="/", key=f"k{n}", read_at=read_at)
    assert unread_count(partner) == 2 == Notification.objects.filter(recipient=partner, read_at=None).count()
    assert unread_count(coordinator) == 1


@pytest.mark.django_db
def test_a_marker_the_orm_changes_is_refused_when_the_query_is_built():
    # An integer field turns "12" into 12 on the way in: the stand-in would never be found in the SQL's values.
    prepared = Prepared(lambda pk: get_user_model().objects.filter(pk=pk).values_list("pk"), "12")
    with pytest.raises(ImproperlyConfigured):
        prepared.rows("12")


@pytest.mark.django_db
def test_a_stamps_token_reads_as_the_orm_reads_it():
    first = stamps.token("test-prepared")
    assert first == Stamp.objects.get(name="test-prepared").token and stamps.token("test-prepared") == first
    renewed = stamps.renew("test-prepared")
    assert stamps.token("test-prepared") == renewed != first
    assert type(renewed) is type(first)


def test_the_second_factors_device_is_read_as_django_otp_reads_it(coordinator, partner):
    from django_otp.models import Device
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.middleware import OTPMiddleware

    device = TOTPDevice.objects.create(user=coordinator, name="phone", confirmed=True)
    read = OTPMiddleware(lambda request: None)._device_from_persistent_id(device.persistent_id)
    expected = Device.from_persistent_id(device.persistent_id)
    assert read == expected and read.key == expected.key and read.confirmed is True and read.user_id == coordinator.pk
    for nonsense in ["otp_totp.totpdevice/x", "otp_totp.nothing/1", "nothing", f"organizations.user/{partner.pk}"]:
        assert OTPMiddleware(lambda request: None)._device_from_persistent_id(nonsense) is None


# --- queries with the reader's scope (PreparedForReader): the plan and the period a page is about ---------------


def _as_read(instance, *related):
    """What a page reads of an instance: its fields, the rows read with it and the annotations."""
    fields = {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields}
    return fields, [_as_read(getattr(instance, name)) if getattr(instance, name) else None for name in related]


def _plan_read_by_the_orm(user, pk):
    from django.db.models import Exists, OuterRef

    from actionplans.models import ActionPlan
    from organizations.models import Membership

    editor = Membership.objects.filter(user_id=user.pk, organization_id=OuterRef("organization_id"), role="editor")
    return (
        ActionPlan.objects.for_user(user)
        .select_related("organization", "source_session", "approved_by")
        .annotate(user_edits=Exists(editor))
        .get(pk=pk)
    )


def test_the_plan_a_page_is_about_is_read_as_the_orm_reads_it_for_every_kind_of_reader(
    coordinator, partner, viewer, partner_b, django_assert_num_queries
):
    from actionplans.models import ActionPlan
    from actionplans.selectors import plan_head
    from tests.reporting.conftest import approved_plan

    plan = approved_plan(partner.memberships.get().organization, coordinator)
    ActionPlan.objects.filter(pk=plan.pk).update(approved_by=coordinator, approved_at=timezone.now())
    for reader, edits in [(coordinator, False), (partner, True), (viewer, False)]:
        is_coordinator(reader)  # the permissions, read once a request before any page's own query
        with django_assert_num_queries(1):
            read = plan_head(user=reader, pk=plan.pk)
        expected = _plan_read_by_the_orm(reader, plan.pk)
        related = ("organization", "source_session", "approved_by")
        assert _as_read(read, *related) == _as_read(expected, *related)
        assert read.user_edits is edits is expected.user_edits
        assert read.approved_by.username == coordinator.username and read._state.adding is False


@pytest.mark.parametrize("pk", [10**6, 2**63, 10**30])
def test_a_plan_nobody_may_read_or_that_cannot_exist_is_not_found(client, coordinator, partner_b, partner, pk):
    from actionplans.models import ActionPlan
    from tests.reporting.conftest import approved_plan

    plan = approved_plan(partner.memberships.get().organization, coordinator)
    client.force_login(partner_b)
    assert client.get(reverse("actionplans:detail", args=[plan.pk])).status_code == 404  # another organization's
    client.force_login(coordinator)
    assert not ActionPlan.objects.filter(pk=pk).exists()
    assert client.get(f"/plans/{pk}/").status_code == 404
    assert client.get(f"/plans/{plan.pk}/reports/{pk}/").status_code == 404


def test_the_period_a_report_page_is_about_is_read_as_the_orm_reads_it(coordinator, partner, viewer, partner_b):
    from django.db.models import Exists, OuterRef
    from django.http import Http404

    from actionplans.models import ReportingPeriod
    from actionplans.selectors import period_for_user
    from organizations.models import Membership
    from tests.reporting.conftest import approved_plan

    plan = approved_plan(partner.memberships.get().organization, coordinator)
    for reader in (coordinator, partner, viewer):
        read = period_for_user(user=reader, plan_pk=plan.pk, number=2)
        editor = Membership.objects.filter(
            user_id=reader.pk, organization_id=OuterRef("plan__organization_id"), role="editor"
        )
        expected = (
            ReportingPeriod.objects.for_user(reader)
            .select_related("plan__organization", "report__reviewed_by")
            .annotate(user_edits=Exists(editor))
            .get(plan=plan, number=2)
        )
        assert _as_read(read, "plan") == _as_read(expected, "plan")
        assert _as_read(read.plan, "organization") == _as_read(expected.plan, "organization")
        assert read.user_edits is expected.user_edits is (reader == partner)
    with pytest.raises(Http404):
        period_for_user(user=partner_b, plan_pk=plan.pk, number=2)


def test_a_scope_that_gives_a_kind_of_reader_nothing_reads_nothing(partner, coordinator):
    from core.prepared import PreparedForReader
    from sessions_log.models import TrainingSession

    day = datetime.date(2021, 11, 20)
    session = TrainingSession.objects.create(title="Gender mainstreaming", start_date=day, end_date=day)
    prepared = PreparedForReader(lambda reader, pk: TrainingSession.objects.for_user(reader).filter(pk=pk), KEY)
    assert prepared.objects(partner, session.pk) == []  # partners never see trainings: none(), no query to run
    assert [found.pk for found in prepared.objects(coordinator, session.pk)] == [session.pk]


@pytest.mark.parametrize("suffix", ["", "edit/", "members/"])
def test_an_organization_page_is_found_only_by_who_may_see_it(client, coordinator, partner, partner_b, org_a, suffix):
    client.force_login(coordinator)
    assert client.get(f"/organizations/{org_a.pk}/{suffix}").status_code == 200
    assert client.get(f"/organizations/{2**64}/{suffix}").status_code == 404
    client.force_login(partner_b)
    assert client.get(f"/organizations/{org_a.pk}/{suffix}").status_code == 404


def test_the_members_page_lists_its_members_by_name(client, coordinator, partner, viewer, partner_b, org_a):
    from accounts.selectors import members_page

    partner.last_name, viewer.last_name = "Zhunusova", "Abdrakhmanova"
    partner.save()
    viewer.save()
    listed = members_page(organization=org_a, fetched_by=coordinator)["members"]
    assert [(m.user.username, m.role) for m in listed] == [(viewer.username, "viewer"), (partner.username, "editor")]
    client.force_login(coordinator)
    page = client.get(f"/organizations/{org_a.pk}/members/").content.decode()
    assert page.index(viewer.username) < page.index(partner.username) and partner_b.username not in page


def test_a_members_pages_pending_invitations_are_read_as_the_orm_reads_them(coordinator, admin_user, org_a, org_b):
    from accounts.models import Invitation
    from accounts.selectors import members_page

    now = timezone.now()
    states = {
        "pending": {},
        "accepted": {"accepted_at": now},
        "revoked": {"revoked_at": now},
        "expired": {"expires_at": now - datetime.timedelta(seconds=1)},
    }
    for n, (state, fields) in enumerate(states.items()):
        for organization in (org_a, org_b):
            Invitation.objects.create(
                organization=organization,
                email=f"{state}-{organization.pk}@example.org",
                role="editor",
                language="en",
                token_hash=f"{n}{organization.pk}".rjust(64, "0"),
                invited_by=coordinator,
                sent_at=now - datetime.timedelta(minutes=n),
                expires_at=fields.pop("expires_at", now + datetime.timedelta(days=7)),
                **fields,
            )
    admin_user.groups.set(coordinator.groups.all())
    for reader in (coordinator, admin_user):  # a coordinator, and one who is also a superuser
        read = members_page(organization=org_a, fetched_by=reader)["invitations"]
        expected = Invitation.objects.for_user(reader).pending().filter(organization=org_a)
        assert [(i.pk, i.email, i.invited_by.username) for i in read] == [
            (i.pk, i.email, i.invited_by.username) for i in expected.select_related("invited_by")
        ]
        assert [i.email for i in read] == [f"pending-{org_a.pk}@example.org"]


@pytest.mark.django_db
def test_a_prefetch_the_prepared_query_would_leave_out_is_refused_when_it_is_built():
    prepared = Prepared(lambda pk: get_user_model().objects.filter(pk=pk).prefetch_related("groups"), KEY)
    with pytest.raises(ImproperlyConfigured):
        prepared.objects(1)


# --- Prepared by PostgreSQL once per connection --------------------------------------------------------------------


def _statements_on_server():
    """The names of the statements this connection has prepared on the server (PostgreSQL), else an empty set."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return set()
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements")
        return {row[0] for row in cursor.fetchall()}


def _page_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def _executed(queries):
    return [sql.split("(")[0].removeprefix("EXECUTE ") for sql in queries if sql.startswith("EXECUTE ")]


def test_on_postgresql_the_frames_queries_are_planned_once_per_connection_and_counted_as_before(client, partner):
    from django.db import connection

    client.force_login(partner)
    url = reverse("notifications:list")
    first, second = _page_queries(client, url), _page_queries(client, url)
    assert len(first) >= len(second)  # the preparing is not a query of the page's
    if connection.vendor == "postgresql":
        # The session, the person with the permissions stamp, the bell's count: each run by the name it was
        # prepared under the first time, the same name the second time, named after its table.
        assert len(_executed(second)) >= 3 and _executed(second) == _executed(first)[-len(_executed(second)) :]
        assert {name.rsplit("_", 1)[0] for name in _executed(second)} >= {"django_session", "organizations_user"}
        assert set(_executed(second)) <= _statements_on_server()
    else:
        assert _executed(second) == [] and all(sql.startswith("SELECT") for sql in second[:2])


@pytest.mark.django_db(transaction=True)  # a connection closed and opened again: outside a test's transaction
def test_a_new_connection_prepares_again_and_a_rolled_back_transaction_keeps_what_it_prepared():
    from django.db import connection, transaction

    partner = get_user_model().objects.create_user("reconnecting", "reconnecting@example.org", "x")

    prepared = Prepared(lambda pk: get_user_model().objects.filter(pk=pk).values_list("username"), KEY)
    with transaction.atomic():
        assert prepared.rows(partner.pk) == [(partner.username,)]
        transaction.set_rollback(True)
    assert prepared.rows(partner.pk) == [(partner.username,)]  # the statement outlived the rollback
    if connection.vendor == "postgresql":
        assert any(name.startswith("organizations_user_") for name in _statements_on_server())
    connection.close()  # what CONN_MAX_AGE or a lost connection does between requests
    assert prepared.rows(partner.pk) == [(partner.username,)]
    if connection.vendor == "postgresql":
        assert any(name.startswith("organizations_user_") for name in _statements_on_server())


def test_behind_pgbouncer_nothing_is_prepared_on_the_server(partner, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setitem(connection.settings_dict, "DISABLE_SERVER_SIDE_CURSORS", True)  # DATABASE_POOLER=pgbouncer
    prepared = Prepared(lambda pk: get_user_model().objects.filter(pk=pk).values_list("email"), KEY)
    before = _statements_on_server()
    with CaptureQueriesContext(connection) as captured:
        assert prepared.rows(partner.pk) == [(partner.email,)]
    assert [query["sql"].split()[0] for query in captured.captured_queries] == ["SELECT"]
    assert _statements_on_server() == before
