"""Every save of a plan's row writes its history row through a manager whose class is made once (core/history.py),
not once per save; the history reads as before, for one row and for the whole model."""

from actionplans.models import ActionPlan


def test_each_save_writes_its_history_through_one_manager_class(plan_a):
    first, second = plan_a.history, plan_a.history
    assert type(first) is type(second)
    assert type(plan_a.history) is type(ActionPlan.objects.get(pk=plan_a.pk).history)

    before = plan_a.title
    plan_a.title = "Renamed plan"
    plan_a.save()

    assert list(plan_a.history.values_list("title", flat=True)[:2]) == ["Renamed plan", before]
    assert ActionPlan.history.filter(id=plan_a.pk).count() == plan_a.history.count() >= 2
    assert plan_a.history.first().instance.title == "Renamed plan"
