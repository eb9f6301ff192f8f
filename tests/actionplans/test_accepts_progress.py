"""One rule for "this plan accepts progress" (ActionPlan.check_accepts_progress), checked by every progress write.

The views refuse early with a message (test_access.py); these tests hold the write paths themselves to the
rule, the way the admin, an import or an API would call them: the plan was approved when the page was
opened and a coordinator closed it before the write arrived.
"""

import pytest
from django.core.exceptions import PermissionDenied

from actionplans.forms import ActionStatusForm, MeasurementForm, ProgressUpdateForm
from actionplans.models import Action, ActionPlan, Indicator
from actionplans.services import action_status_record, measurement_record, progress_update_record
from tests.actionplans.conftest import make_plan
from tests.actionplans.test_access import database_state

CLOSED = ["draft", "submitted", "returned", "completed", "archived"]


def _measurement(plan, partner):
    form = MeasurementForm(
        {"date": "2026-05-01", "women": 1, "total": 2}, indicator=Indicator.objects.get(objective__plan=plan)
    )
    assert form.is_valid(), form.errors
    return lambda: measurement_record(form=form, by=partner)


def _action_status(plan, partner):
    form = ActionStatusForm({"status": "done"}, instance=Action.objects.filter(objective__plan=plan).first())
    assert form.is_valid(), form.errors
    return lambda: action_status_record(form=form, by=partner)


def _progress_update(plan, partner):
    form = ProgressUpdateForm({"date": "2026-05-01", "narrative": "Board elected"})
    assert form.is_valid(), form.errors
    return lambda: progress_update_record(plan=plan, form=form, by=partner)


WRITES = [_measurement, _action_status, _progress_update]


@pytest.mark.parametrize("write", WRITES, ids=lambda f: f.__name__.strip("_"))
@pytest.mark.parametrize("status", CLOSED)
def test_a_plan_that_does_not_accept_progress_refuses_the_write_and_nothing_changes(org_a, partner, write, status):
    plan = make_plan(org_a, status=ActionPlan.Status.APPROVED)
    save = write(plan, partner)  # the page was filled in while the plan was approved
    ActionPlan.objects.filter(pk=plan.pk).update(status=status)
    before = database_state()
    with pytest.raises(PermissionDenied, match=r"Progress is recorded once the plan is approved\."):
        save()
    assert database_state() == before


@pytest.mark.parametrize("write", WRITES, ids=lambda f: f.__name__.strip("_"))
def test_an_approved_plan_takes_the_write(org_a, partner, write):
    plan = make_plan(org_a, status=ActionPlan.Status.APPROVED)
    before = database_state()
    write(plan, partner)()
    assert database_state() != before


@pytest.mark.parametrize("status", [*CLOSED, "approved"])
def test_the_rule_is_the_approved_status(org_a, status):
    plan = make_plan(org_a, status=status)
    assert plan.accepts_progress is (status == "approved")
