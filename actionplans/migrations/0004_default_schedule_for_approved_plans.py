"""Plans approved before reporting periods existed get the default half-yearly schedule and its periods.

Indicators get the aggregation that fits their kind: a share of women and a yes/no report their latest value.
"""

from django.db import migrations

from actionplans.periods import DEFAULT_DUE_DAYS, periods_layout


def forwards(apps, schema_editor):
    ActionPlan = apps.get_model("actionplans", "ActionPlan")
    ReportingSchedule = apps.get_model("actionplans", "ReportingSchedule")
    ReportingPeriod = apps.get_model("actionplans", "ReportingPeriod")
    Indicator = apps.get_model("actionplans", "Indicator")
    Indicator.objects.filter(kind__in=["share_women", "yes_no"]).update(aggregation="latest")
    Indicator.objects.filter(kind="share_women").update(counts_people=True)
    plans = ActionPlan.objects.filter(status__in=["approved", "completed"], reporting_schedule__isnull=True)
    for plan in plans.iterator():
        ReportingSchedule.objects.create(plan=plan, frequency="half_yearly", due_days=DEFAULT_DUE_DAYS)
        layout = periods_layout(start=plan.period_start, end=plan.period_end, frequency="half_yearly")
        ReportingPeriod.objects.bulk_create(
            ReportingPeriod(plan=plan, number=number, start=start, end=end, due=due)
            for number, (start, end, due) in enumerate(layout, start=1)
        )


class Migration(migrations.Migration):
    dependencies = [("actionplans", "0003_reporting_periods")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
