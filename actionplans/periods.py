"""Reporting periods laid out over a plan's period: pure date arithmetic, shared by the models and the migration."""

import calendar
import datetime

MONTHS = {"quarterly": 3, "half_yearly": 6, "yearly": 12}
DEFAULT_DUE_DAYS = 15


def add_months(day, months):
    """The same day `months` later, clamped to the month's last day (31 January + 1 month = 28/29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def periods_layout(*, start, end, frequency, due_days=DEFAULT_DUE_DAYS, custom_ends=()):
    """[(start, end, due)] covering start..end: every 3, 6 or 12 months, or ending on the custom dates.

    The last period ends with the plan; custom end dates are sorted and must lie within start..end.
    """
    if frequency == "custom":
        ends = sorted(set(custom_ends))
    else:
        ends, step = [], 1
        while True:
            boundary = add_months(start, MONTHS[frequency] * step) - datetime.timedelta(days=1)
            if boundary >= end:
                break
            ends.append(boundary)
            step += 1
    if not ends or ends[-1] < end:
        ends.append(end)
    periods, begin = [], start
    for period_end in ends:
        periods.append((begin, period_end, period_end + datetime.timedelta(days=due_days)))
        begin = period_end + datetime.timedelta(days=1)
    return periods
