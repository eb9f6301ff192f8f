"""In a real browser: the partner's bell shows the count; a notification opens its page and is marked read."""

import pytest
from django.urls import reverse

from actionplans.models import ActionPlan
from notifications.models import Notification
from tests.actionplans.conftest import make_plan

pytestmark = pytest.mark.browser


def test_the_partner_sees_the_count_opens_the_notification_and_it_is_read(
    sign_in, page, live_server, client, coordinator, partner, org_a
):
    plan = make_plan(org_a, title="Plan under review", status=ActionPlan.Status.SUBMITTED)
    # The coordinator approves through the review page: the partner is notified.
    client.force_login(coordinator)
    client.post(reverse("actionplans:review", args=[plan.pk]), {"decision": "approve", "comment": "Well done"})
    assert Notification.objects.filter(recipient=partner).count() == 1

    sign_in(partner)
    bell = page.locator("#notifications-bell")
    assert bell.locator("[data-unread]").inner_text() == "1"
    bell.click()
    page.wait_for_url(f"{live_server.url}/notifications/")
    item = page.locator("#notifications li").first
    assert "The plan “Plan under review” was approved." in item.inner_text()
    item.get_by_role("button", name="Open").click()
    page.wait_for_url(f"{live_server.url}/plans/{plan.pk}/")
    assert page.get_by_role("heading", name="Plan under review").first.is_visible()
    assert page.locator("#notifications-bell [data-unread]").count() == 0
    assert Notification.objects.get(recipient=partner).read_at is not None
