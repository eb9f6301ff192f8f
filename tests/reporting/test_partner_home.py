"""A partner's home page: their periods waiting for a report, the next due date and what is missing."""

from actionplans.models import Indicator, PeriodReport, ReportValue


def _card(page):
    card = page[page.index('id="reporting-due"') :]
    return " ".join(card[: card.index("</section>")].split())


def test_the_partner_sees_their_periods_the_next_due_date_and_what_is_missing(client, partner, rplan_a, today):
    people = Indicator.objects.get(objective__plan=rplan_a, name="People trained")
    first, second = rplan_a.reporting_periods.order_by("number")
    draft = PeriodReport.objects.create(period=first)
    ReportValue.objects.create(report=draft, indicator=people, value=5)
    client.force_login(partner)
    card = _card(client.get("/").content.decode())
    # Period 1 (due 15 July) first: one of its two values is given; period 2 has none yet.
    assert "Next due date: 15 Jul 2026." in card
    assert card.index(first.get_absolute_url()) < card.index(second.get_absolute_url())
    assert "Due soon" in card and "due 15 Jul 2026 · 1 value missing" in card
    assert "Open" in card and "due 15 Jan 2027 · 2 values missing" in card


def test_submitted_and_accepted_periods_leave_the_list(client, partner, rplan_a, rplan_b, today):
    first, second = rplan_a.reporting_periods.order_by("number")
    PeriodReport.objects.create(period=first, status="submitted")
    client.force_login(partner)
    card = _card(client.get("/").content.decode())
    assert first.get_absolute_url() not in card and second.get_absolute_url() in card
    assert "Next due date: 15 Jan 2027." in card
    # Another organization's periods are never listed.
    assert rplan_b.reporting_periods.get(number=1).get_absolute_url() not in card
    PeriodReport.objects.create(period=second, status="accepted")
    assert 'id="reporting-due"' not in client.get("/").content.decode()
