"""The dashboard's "Awaiting review" card and the banner above it count the same plans, in every year view."""

import datetime
import re

import pytest

from actionplans.models import ActionPlan
from organizations.models import Organization, OrganizationKind


@pytest.mark.parametrize("year", ["2021", "all", str(datetime.date.today().year)])
def test_awaiting_review_card_agrees_with_the_banner(client_for, coordinator, year):
    for number, start in enumerate((datetime.date(2021, 12, 1), datetime.date(2022, 1, 15))):
        organization = Organization.objects.create(name=f"Partner {number}", kind=OrganizationKind.LOCAL_CSO)
        ActionPlan.objects.create(
            organization=organization,
            title="Plan",
            period_start=start,
            period_end=start.replace(year=start.year + 1),
            status=ActionPlan.Status.SUBMITTED,
        )
    html = client_for(coordinator).get(f"/?year={year}").content.decode()
    assert "2 action plans are waiting for your review." in html
    card = re.search(r'data-figure="plans-submitted">(\d+)<', html)
    assert card and card.group(1) == "2"
