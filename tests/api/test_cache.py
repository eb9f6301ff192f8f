"""The API's lists come from the cache while nothing they show has changed (api/caching.py): a write shows in the next
answer, a rolled-back one keeps it, and nobody ever gets an answer cached for someone who sees more or other rows."""

import datetime

import pytest
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from actionplans.models import Action, Indicator, Measurement
from actionplans.models_reporting import ReportingPeriod
from api.caching import LIST_STAMPS
from core import stamps
from organizations.models import HeadcountSnapshot, Level, Membership
from sessions_log.models import DiscussionTopic

# The models whose rows (or counts of rows) each list shows; memberships decide a partner's scope in all of them.
LIST_MODELS = {
    "organizations": ["organizations.Organization", "organizations.HeadcountSnapshot"],
    "headcounts": ["organizations.HeadcountSnapshot", "organizations.Organization"],
    "trainings": [
        "sessions_log.TrainingSession",
        "organizations.Organization",
        "sessions_log.Attendance",
        "sessions_log.SessionTopic",
        "sessions_log.Finding",
    ],
    "topics": ["sessions_log.DiscussionTopic"],
    "plans": ["actionplans.ActionPlan", "organizations.Organization", "actionplans.Objective", "actionplans.Action"],
    "actions": ["actionplans.Action", "actionplans.Objective", "actionplans.ActionPlan"],
    "indicators": ["actionplans.Indicator", "actionplans.ActionPlan", "actionplans.Measurement"],
    "measurements": ["actionplans.Measurement", "actionplans.Indicator", "actionplans.ActionPlan"],
    "periods": ["actionplans.ReportingPeriod", "actionplans.PeriodReport", "actionplans.ActionPlan"],
    "period-reports": ["actionplans.PeriodReport", "actionplans.ReportValue", "actionplans.ReportActionStatus"],
}


def _renews_a_list_stamp(signal, kind, label):
    """A receiver of core.stamps.renew_on for ``label`` on one of the lists' stamps (its dispatch_uid)."""
    uids = {key[0] for key, *_rest in signal.receivers}
    return any(f"stamp-{name}-{kind}-{label}" in uids for name in LIST_STAMPS)


@pytest.mark.parametrize("label", sorted({label for labels in LIST_MODELS.values() for label in labels}))
def test_every_model_a_list_shows_renews_the_lists_stamps(label):
    for signal, kind in ((post_save, "save"), (post_delete, "delete")):
        assert _renews_a_list_stamp(signal, kind, label), f"{label} {kind} renews none of {LIST_STAMPS}"
    assert _renews_a_list_stamp(post_save, "save", "organizations.Membership")


def _ids(response):
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def _row(response, pk):
    return next(row for row in response.json()["results"] if row["id"] == pk)


def test_a_measurement_recorded_through_the_api_shows_in_the_next_lists(api, world, partner):
    client = api(partner)
    indicator = Indicator.objects.filter(objective__plan=world["plan_a"]).get()
    before = client.get("/api/measurements/")
    assert _row(client.get("/api/indicators/"), indicator.pk)["latest_date"] == "2026-06-01"

    made = client.post(
        f"/api/indicators/{indicator.pk}/measurements/",
        {"date": "2026-07-01", "women": 5, "total": 10},
        content_type="application/json",
    )

    assert made.status_code == 201
    assert _ids(client.get("/api/measurements/")) == [*_ids(before), made.json()["id"]]
    assert _row(client.get("/api/indicators/"), indicator.pk)["latest_date"] == "2026-07-01"


def test_an_action_status_set_through_the_api_shows_in_the_next_lists(api, world, partner):
    client = api(partner)
    action = Action.objects.filter(objective__plan=world["plan_a"]).order_by("pk").first()
    assert _row(client.get("/api/actions/"), action.pk)["status"] == "planned"
    assert _row(client.get("/api/plans/"), world["plan_a"].pk)["actions_done"] == 0

    done = client.patch(f"/api/actions/{action.pk}/", {"status": "done"}, content_type="application/json")
    assert done.status_code == 200

    assert _row(client.get("/api/actions/"), action.pk)["status"] == "done"
    assert _row(client.get("/api/plans/"), world["plan_a"].pk)["actions_done"] == 1


def test_a_headcount_added_through_the_api_shows_in_the_next_lists(api, world, partner, org_a):
    """The service writes the levels with bulk_create, which sends no signal: the API renews the stamp itself."""
    client = api(partner)
    assert _row(client.get("/api/organizations/"), org_a.pk)["headcounts_count"] == 1
    count = len(_ids(client.get("/api/headcounts/")))

    added = client.post(
        f"/api/organizations/{org_a.pk}/headcounts/",
        {"as_of": "2026-01-01", "levels": [{"level": "governing", "women": 3, "men": 4}]},
        content_type="application/json",
    )

    assert added.status_code == 201, added.content
    assert _row(client.get("/api/organizations/"), org_a.pk)["headcounts_count"] == 2
    assert len(_ids(client.get("/api/headcounts/"))) == count + 1


def test_topics_added_and_deleted_elsewhere_show_in_the_next_list(api, world, coordinator):
    """Pages and the admin write through model saves and deletes, whose signals renew the stamps."""
    client = api(coordinator)
    topic = DiscussionTopic.objects.get()
    assert _ids(client.get("/api/topics/")) == [topic.pk]

    added = DiscussionTopic.objects.create(question="Who decides the budget?", theme="Power")
    assert _ids(client.get("/api/topics/")) == [topic.pk, added.pk]

    added.delete()
    assert _ids(client.get("/api/topics/")) == [topic.pk]


def test_rows_imported_in_the_back_office_show_in_the_next_list(api, world, partner, org_a):
    """The imports write with bulk_create (no signal per row); every import renews the stamps of its model after
    its rows (core.imports), as a real import does in tests/organizations/test_import_renews.py."""
    client = api(partner)
    count = len(_ids(client.get("/api/headcounts/")))
    HeadcountSnapshot.objects.bulk_create(
        [HeadcountSnapshot(organization=org_a, as_of="2026-02-01", level=Level.GOVERNING, women=1, men=1)]
    )

    stamps.renew_for(HeadcountSnapshot)

    assert len(_ids(client.get("/api/headcounts/"))) == count + 1


def test_a_write_that_is_rolled_back_keeps_the_cached_list(api, world, partner):
    client = api(partner)
    before = client.get("/api/measurements/")
    try:
        with transaction.atomic():
            Measurement.objects.create(indicator=Indicator.objects.first(), date="2026-08-01", value=1)
            raise RuntimeError
    except RuntimeError:
        pass

    with CaptureQueriesContext(connection) as queries:
        again = client.get("/api/measurements/")
    assert again.content == before.content
    assert len(queries) == 5  # the token (4) and the stamps: the rows come from the cache


def test_a_partner_never_gets_the_coordinators_cached_list(api, world, coordinator, partner, partner_b):
    plans = {user: _ids(api(user).get("/api/plans/")) for user in (coordinator, partner, partner_b)}

    assert plans[coordinator] == [world["plan_a"].pk, world["plan_b"].pk]
    assert plans[partner] == [world["plan_a"].pk]
    assert plans[partner_b] == [world["plan_b"].pk]
    assert _ids(api(partner).get("/api/trainings/")) == []  # coordinators only, even after theirs was cached


def test_a_partner_whose_membership_ends_no_longer_sees_the_organization(api, world, partner, org_a):
    client = api(partner)
    assert _ids(client.get("/api/organizations/")) == [org_a.pk]

    Membership.objects.filter(user=partner).delete()

    assert _ids(client.get("/api/organizations/")) == []


def test_token_and_session_give_the_same_answer(api, client_for, world, partner):
    by_token = api(partner).get("/api/plans/").content
    session = client_for(partner)
    session.defaults.pop("HTTP_AUTHORIZATION")

    assert session.get("/api/plans/").content == by_token


def test_each_query_string_and_language_has_its_own_answer(api, world, coordinator, org_b):
    client = api(coordinator)
    assert len(_ids(client.get("/api/plans/"))) == 2
    assert _ids(client.get("/api/plans/", {"organization": org_b.pk})) == [world["plan_b"].pk]
    first = client.get("/api/plans/", {"page_size": 1}).json()
    assert len(first["results"]) == 1 and "page_size=1" in first["next"]
    assert client.get("/api/plans/", {"page_size": 1, "organization": org_b.pk}).json()["next"] is None

    english = client.get("/api/plans/").json()["results"][0]["status_label"]
    assert client.get("/api/plans/", HTTP_ACCEPT_LANGUAGE="ru").json()["results"][0]["status_label"] != english


def test_the_next_link_names_the_host_and_scheme_asked(api, world, coordinator, settings):
    settings.ALLOWED_HOSTS = ["testserver", "gap.example.org"]
    client = api(coordinator)
    assert client.get("/api/plans/?page_size=1").json()["next"].startswith("http://testserver/api/plans/")

    other = client.get("/api/plans/?page_size=1", HTTP_HOST="gap.example.org", secure=True).json()["next"]

    assert other.startswith("https://gap.example.org/api/plans/")


def test_a_wrong_filter_is_refused_every_time(api, world, coordinator):
    client = api(coordinator)
    for _ in range(2):
        assert client.get("/api/plans/", {"status": "nonsense"}).status_code == 400


def test_a_periods_state_follows_the_day(api, world, partner, monkeypatch):
    period = ReportingPeriod.objects.get(plan=world["plan_a"])
    client = api(partner)
    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2026, 3, 1))
    assert _row(client.get("/api/periods/"), period.pk)["state"] == "open"

    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2026, 8, 1))

    assert _row(client.get("/api/periods/"), period.pk)["state"] == "overdue"


def test_the_lists_stamps_are_read_in_one_query_and_made_on_first_use(db, django_assert_num_queries):
    from core import stamps
    from core.models import Stamp

    Stamp.objects.all().delete()
    first = stamps.tokens(LIST_STAMPS)  # one read, then one upsert per missing stamp
    assert len(set(first)) == len(LIST_STAMPS)
    with django_assert_num_queries(1):
        again = stamps.tokens(LIST_STAMPS)
    assert again == first == [stamps.token(name) for name in LIST_STAMPS]
    stamps.renew(LIST_STAMPS[1])
    assert stamps.tokens(LIST_STAMPS)[0] == first[0] and stamps.tokens(LIST_STAMPS)[1] != first[1]
