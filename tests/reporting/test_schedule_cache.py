"""The schedule page's blank forms, periods and targets grid are drawn once per reporting stamp and language (the
periods' states once per day): every write shows on the next visit, nothing posted back is served from the cache."""

import datetime
import re

from django.test import Client
from django.urls import reverse
from django.utils import translation

from actionplans.models import ActionPlan, Indicator, PeriodReport, PeriodTarget
from tests.reporting.conftest import TODAY


def _url(plan):
    return reverse("actionplans:schedule", args=[plan.pk])


def test_targets_and_due_dates_saved_show_on_the_next_visit(client, coordinator, rplan_a, today):
    client.force_login(coordinator)
    people = Indicator.objects.get(objective__plan=rplan_a, name="People trained")
    first, second = rplan_a.reporting_periods.order_by("number")
    assert f'name="target-{people.pk}-{first.pk}" value=""' in client.get(_url(rplan_a)).content.decode()
    data = {f"due-{first.pk}": "2026-07-31", f"due-{second.pk}": "2027-01-15", f"target-{people.pk}-{first.pk}": "40"}
    assert client.post(reverse("actionplans:period_targets", args=[rplan_a.pk]), data).status_code == 302
    html = client.get(_url(rplan_a)).content.decode()
    assert f'name="target-{people.pk}-{first.pk}" value="40.00"' in html
    assert f'name="due-{first.pk}" value="2026-07-31"' in html


def test_a_refused_grid_shows_what_was_typed_then_the_saved_values(client, coordinator, rplan_a, today):
    client.force_login(coordinator)
    people = Indicator.objects.get(objective__plan=rplan_a, name="People trained")
    first, second = rplan_a.reporting_periods.order_by("number")
    client.get(_url(rplan_a))  # the blank grid is in the cache
    data = {f"due-{first.pk}": "2026-07-31", f"due-{second.pk}": "2026-12-01", f"target-{people.pk}-{first.pk}": "77"}
    page = client.post(reverse("actionplans:period_targets", args=[rplan_a.pk]), data).content.decode()
    assert "cannot be before the period ends" in page and f'name="target-{people.pk}-{first.pk}" value="77"' in page
    again = client.get(_url(rplan_a)).content.decode()
    assert "cannot be before the period ends" not in again and 'value="77"' not in again


def test_a_refused_schedule_shows_what_was_typed(client, coordinator, rplan_a, today):
    client.force_login(coordinator)
    client.get(_url(rplan_a))
    page = client.post(_url(rplan_a), {"frequency": "custom", "due_days": "30", "custom_ends": ""}).content.decode()
    assert "Give at least one date on which a period ends." in page
    assert "Give at least one date" not in client.get(_url(rplan_a)).content.decode()


def test_a_report_submitted_and_the_next_day_move_the_periods_states(client, coordinator, rplan_a, monkeypatch):
    """The periods' states follow the reports (the stamp) and the day (the key): period 1 is due on 15 July."""
    from django.utils import timezone

    day = {"today": TODAY}
    monkeypatch.setattr(timezone, "localdate", lambda value=None, timezone=None: day["today"])
    client.force_login(coordinator)

    def states():
        html = client.get(_url(rplan_a)).content.decode()
        return re.findall(r'<span class="badge [^"]*">([^<]+)</span>', html)

    assert states()[0] == "Due soon"
    day["today"] = TODAY + datetime.timedelta(days=10)
    assert states()[0] == "Overdue"
    PeriodReport.objects.create(period=rplan_a.reporting_periods.get(number=1), status="submitted")
    assert states()[0] == "Submitted"


def test_a_plan_without_periods_has_no_targets_grid(client, coordinator, org_a, today):
    from tests.actionplans.conftest import make_plan

    client.force_login(coordinator)
    plan = make_plan(org_a, status=ActionPlan.Status.APPROVED)
    html = client.get(_url(plan)).content.decode()
    assert "No reporting periods" in html and 'id="targets"' not in html


def test_each_coordinator_gets_their_own_csrf_tokens_and_partners_no_page(coordinator, partner, rplan_a, today):
    first, second = Client(), Client()
    first.force_login(coordinator)
    second.force_login(coordinator)
    pages = [client.get(_url(rplan_a)).content.decode() for client in (first, second)]
    tokens = [set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)) for page in pages]
    # Each page carries its reader's token only (the schedule's and the grid's forms among others).
    assert 'id="targets"' in pages[1] and len(tokens[0]) == len(tokens[1]) == 1 and tokens[0] != tokens[1]
    outsider = Client()
    outsider.force_login(partner)
    assert outsider.get(_url(rplan_a)).status_code in (403, 404)
    assert not PeriodTarget.objects.exists()


def test_a_russian_visit_after_an_english_one_is_in_russian(client, coordinator, rplan_a, today):
    client.force_login(coordinator)
    assert "Reporting periods" in client.get(_url(rplan_a)).content.decode()
    with translation.override("en"):  # the request leaves Russian active in this thread; later tests expect English
        russian = client.get(_url(rplan_a), headers={"accept-language": "ru"}).content.decode()
    assert "Reporting periods" not in russian and "Due date" not in russian
