"""Measurements recorded before reporting periods existed, carried over into the periods' reports.

Shared by the data migration (with its historical models) and ``reporting.measurements_carry_over`` (with the
app's models, for tests and a re-run by hand), like ``periods.py``: it imports no model, it is given ``apps``.

For every plan laid out in periods, each measurement goes to the period whose dates contain its date, as an
accepted value: per period and indicator the latest measurement for a "latest value" or "cumulative to date"
indicator, the sum for one "added up over periods" (``Indicator.combine_periods()`` applied within the period).
A period without a report gets an accepted report; an accepted report gets the values it lacks; a report a
partner has started (draft, submitted, sent back) is theirs and stays as it is. Values already there are never
changed, so running it again writes nothing. Every row written gets its history record with the reason below,
so the plan's history says the values were carried over.
"""

from collections import defaultdict

from django.utils import timezone

REASON = "carried over from measurements recorded before reporting periods"
SUM = "sum"
SHARE = "share_women"
ACCEPTED = "accepted"
BATCH = 2000


def _history_rows(historical_model, rows, when):
    """The "created" history records of freshly inserted ``rows``, with the carry-over reason."""
    names = [f.attname for f in historical_model._meta.concrete_fields if f.attname != "history_id"]
    records = []
    for row in rows:
        values = {name: getattr(row, name) for name in names if hasattr(row, name)}
        values["id"] = row.pk
        records.append(
            historical_model(
                **values,
                history_date=when,
                history_type="+",
                history_change_reason=REASON,
                history_user_id=None,
            )
        )
    return records


def _parts(indicator, chosen):
    """women / not stated for a share of women (the old form asked women and total only), else none."""
    if indicator["kind"] != SHARE:
        return {}
    last = chosen[-1]
    if last.women is None or last.total is None:
        return {}
    return {"women": last.women, "not_stated": last.total - last.women}


def carry_over(apps, *, plan_ids=None):
    """Carry the measurements of the plans with periods (``plan_ids`` to limit them) over; returns the counts
    ``{"reports": created, "values": written, "outside": measurements in no period, "left": measurements of
    periods whose report a partner has started}``."""
    ReportingPeriod = apps.get_model("actionplans", "ReportingPeriod")
    PeriodReport = apps.get_model("actionplans", "PeriodReport")
    ReportValue = apps.get_model("actionplans", "ReportValue")
    Measurement = apps.get_model("actionplans", "Measurement")
    Indicator = apps.get_model("actionplans", "Indicator")
    HistoricalPeriodReport = apps.get_model("actionplans", "HistoricalPeriodReport")
    HistoricalReportValue = apps.get_model("actionplans", "HistoricalReportValue")
    now = timezone.now()
    counts = {"reports": 0, "values": 0, "outside": 0, "left": 0}

    periods = ReportingPeriod.objects.order_by("plan_id", "start")
    if plan_ids is not None:
        periods = periods.filter(plan_id__in=list(plan_ids))
    periods_by_plan = defaultdict(list)
    for period in periods.values("pk", "plan_id", "start", "end"):
        periods_by_plan[period["plan_id"]].append(period)
    plan_list = list(periods_by_plan)
    for start in range(0, len(plan_list), BATCH):
        chunk = plan_list[start : start + BATCH]
        chunk_periods = [p for plan_id in chunk for p in periods_by_plan[plan_id]]
        reports = {r.period_id: r for r in PeriodReport.objects.filter(period_id__in=[p["pk"] for p in chunk_periods])}
        given = set(
            ReportValue.objects.filter(report__in=list(reports.values()), value__isnull=False).values_list(
                "report_id", "indicator_id"
            )
        )
        indicators = {
            i["pk"]: i
            for i in Indicator.objects.filter(objective__plan_id__in=chunk).values(
                "pk", "kind", "aggregation", "objective__plan_id"
            )
        }
        # (period pk, indicator pk) -> that period's measurements of the indicator, oldest first
        grouped = defaultdict(list)
        for measurement in Measurement.objects.filter(indicator_id__in=list(indicators)).order_by(
            "indicator_id", "date", "pk"
        ):
            plan_id = indicators[measurement.indicator_id]["objective__plan_id"]
            period = next((p for p in periods_by_plan[plan_id] if p["start"] <= measurement.date <= p["end"]), None)
            if period is None:
                counts["outside"] += 1
            else:
                grouped[(period["pk"], measurement.indicator_id)].append(measurement)

        new_reports = []
        for period_pk, _indicator_pk in grouped:
            if period_pk not in reports:
                reports[period_pk] = PeriodReport(
                    period_id=period_pk, status=ACCEPTED, reviewed_at=now, version=1, created_at=now, updated_at=now
                )
                new_reports.append(reports[period_pk])
        PeriodReport.objects.bulk_create(new_reports, batch_size=BATCH)
        HistoricalPeriodReport.objects.bulk_create(
            _history_rows(HistoricalPeriodReport, new_reports, now), batch_size=BATCH
        )
        counts["reports"] += len(new_reports)

        values = []
        for (period_pk, indicator_pk), chosen in grouped.items():
            report = reports[period_pk]
            if report.status != ACCEPTED:
                counts["left"] += len(chosen)
                continue
            if (report.pk, indicator_pk) in given:
                continue
            indicator = indicators[indicator_pk]
            # Indicator.combine_periods() within the period (the historical model has no methods).
            value = sum(m.value for m in chosen) if indicator["aggregation"] == SUM else chosen[-1].value
            values.append(
                ReportValue(
                    report_id=report.pk,
                    indicator_id=indicator_pk,
                    value=value,
                    note=(chosen[-1].note or "")[:255],
                    **_parts(indicator, chosen),
                )
            )
        # PostgreSQL and SQLite (3.35+) return the new ids, which the history records need.
        values = ReportValue.objects.bulk_create(values, batch_size=BATCH)
        HistoricalReportValue.objects.bulk_create(_history_rows(HistoricalReportValue, values, now), batch_size=BATCH)
        counts["values"] += len(values)
    return counts
