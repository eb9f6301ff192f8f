"""The bell, the notifications page, opening a notification, mark all read, the settings page, "What needs me"."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.models import Invitation
from notifications.models import Delivery, DeliverySetting, Notification
from notifications.selectors import NOTIFICATION_PAGES_STAMP
from tests.actionplans.conftest import make_plan
from tests.kept import KEPT_QUERIES, kept, kept_views, tables_not_renewing

ROLES = ["coordinator", "partner", "viewer", "partner_b", "anonymous"]


def notify_row(user, number=0, **extra):
    return Notification.objects.create(
        recipient=user,
        kind="plan_approved",
        params={"plan": f"Plan {number}", "organization": "WIO"},
        link="/plans/1/",
        group="Women's Initiative Osh",
        topic=f"Plan {number}",
        key=f"test:{number}",
        **extra,
    )


@pytest.fixture
def cast(request, coordinator, partner, viewer, partner_b):
    return {"coordinator": coordinator, "partner": partner, "viewer": viewer, "partner_b": partner_b, "anonymous": None}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "name,method", [("list", "get"), ("settings", "get"), ("settings", "post"), ("read_all", "post")]
)
def test_access_matrix_everyone_signed_in_has_their_own_anonymous_signs_in(client, cast, role, name, method):
    user = cast[role]
    if user:
        client.force_login(user)
    data = {"delivery": Delivery.WEEKLY} if name == "settings" else {}
    response = getattr(client, method)(reverse(f"notifications:{name}"), data)
    if user is None:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == (200 if method == "get" else 302)


@pytest.mark.parametrize("role", ROLES)
def test_opening_someone_elses_notification_is_404_and_changes_nothing(client, cast, role):
    owner = cast["partner"]
    notification = notify_row(owner)
    user = cast[role]
    if user:
        client.force_login(user)
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    notification.refresh_from_db()
    if role == "partner":
        assert response.status_code == 302 and response["Location"] == "/plans/1/"
        assert notification.is_read
    else:
        assert response.status_code == (302 if user is None else 404)
        assert not notification.is_read


def test_opening_needs_a_post(client_for, partner):
    notification = notify_row(partner)
    assert client_for(partner).get(reverse("notifications:open", args=[notification.pk])).status_code == 405


def test_the_bell_counts_unread_and_mark_all_read_clears_it(client_for, partner, coordinator):
    for number in range(3):
        notify_row(partner, number)
    notify_row(coordinator, 9)  # not the partner's
    client = client_for(partner)
    page = client.get("/").content.decode()
    assert 'data-unread="3"' in page
    response = client.post(reverse("notifications:read_all"), follow=True)
    assert "All notifications are marked read (3)." in response.content.decode()
    assert "data-unread" not in client.get("/").content.decode()
    assert Notification.objects.filter(recipient=coordinator, read_at__isnull=True).count() == 1


def test_the_page_lists_only_ones_own_and_filters_unread(client_for, partner, partner_b):
    notify_row(partner, 1)
    notify_row(partner, 2, read_at=timezone.now())
    notify_row(partner_b, 3)
    client = client_for(partner)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Plan 1" in page and "Plan 2" in page and "Plan 3" not in page
    unread = client.get(reverse("notifications:list") + "?show=unread").content.decode()
    assert "Plan 1" in unread and "Plan 2" not in unread


def test_settings_save_the_choice_and_refuse_nonsense(client_for, partner):
    client = client_for(partner)
    response = client.post(reverse("notifications:settings"), {"delivery": Delivery.DAILY}, follow=True)
    assert "Your notification settings were saved." in response.content.decode()
    assert DeliverySetting.objects.get(user=partner).delivery == Delivery.DAILY
    response = client.post(reverse("notifications:settings"), {"delivery": "hourly"})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert DeliverySetting.objects.get(user=partner).delivery == Delivery.DAILY


def _checked(page):
    """The value of the checked delivery choice on the settings page."""
    import re

    return re.search(r'<input[^>]*value="(\w+)"[^>]*checked|<input[^>]*checked[^>]*value="(\w+)"', page).group(1, 2)


def test_settings_drawn_from_the_cache_show_each_persons_own_choice_in_their_language(client_for, partner, partner_b):
    DeliverySetting.objects.create(user=partner_b, delivery=Delivery.WEEKLY)
    first = client_for(partner).get(reverse("notifications:settings")).content.decode()
    again = client_for(partner).get(reverse("notifications:settings")).content.decode()
    other = client_for(partner_b).get(reverse("notifications:settings")).content.decode()
    assert Delivery.EVERY_EVENT in _checked(first) and _checked(first) == _checked(again)
    assert Delivery.WEEKLY in _checked(other)
    # A choice saved shows at once; the refused post shows what was posted, not the cached form.
    client = client_for(partner)
    client.post(reverse("notifications:settings"), {"delivery": Delivery.DAILY})
    assert Delivery.DAILY in _checked(client.get(reverse("notifications:settings")).content.decode())
    refused = client.post(reverse("notifications:settings"), {"delivery": "hourly"}).content.decode()
    assert "Select a valid choice" in refused
    partner.language = "ru"
    partner.save()
    russian = client_for(partner).get(reverse("notifications:settings")).content.decode()
    assert "Сохранить" in russian and Delivery.DAILY in _checked(russian)


# Notifications page: session, user, coordinator permission check (1: own and group), the bell's unread count,
# the stamp of the page kept whole, the paginator's count, the page of notifications.
LIST_QUERIES = 7


@pytest.mark.parametrize("count", [3, 30])
def test_the_page_costs_the_same_queries_for_3_and_30_notifications(
    client_for, partner, django_assert_num_queries, count
):
    for number in range(count):
        notify_row(partner, number)
    client = client_for(partner)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(reverse("notifications:list"))
    assert response.content.decode().count("notifications:open") == 0  # rendered URLs, not names
    assert response.content.decode().count("/open/") == count
    with django_assert_num_queries(KEPT_QUERIES):  # seen again: kept whole
        again = client.get(reverse("notifications:list"))
    assert again.content.decode().count("/open/") == count


def test_the_kept_page_follows_every_notification_and_read(client_for, partner):
    client = client_for(partner)
    url = reverse("notifications:list")
    assert {name for name, stamp in kept_views().items() if stamp == NOTIFICATION_PAGES_STAMP} == {"notifications:list"}
    notify_row(partner, 1)
    assert tables_not_renewing(client, url, NOTIFICATION_PAGES_STAMP) == []
    assert kept(client.get(url))
    # A change that leaves the bell's count as it was, made without a signal: the stamp alone shows it.
    Notification.objects.filter(recipient=partner).update(topic="Plan renamed")
    page = client.get(url)
    assert not kept(page) and "Plan renamed" in page.content.decode()
    Notification.objects.filter(recipient=partner).update(read_at=timezone.now())
    page = client.get(url)
    assert not kept(page) and "list-group-item-warning" not in page.content.decode()
    assert "Nothing unread." in client.get(url + "?show=unread").content.decode()


def test_what_needs_me_for_a_partner(client_for, partner, viewer, coordinator, org_a):
    from actionplans.models import ActionPlan, ReviewComment

    draft = make_plan(org_a, title="Plan to finish", status=ActionPlan.Status.RETURNED)
    ReviewComment.objects.create(plan=draft, author=coordinator, text="Add a budget", decision="returned")
    running = make_plan(org_a, title="Running plan", status=ActionPlan.Status.APPROVED, actions=1)
    soon = running.objectives.get().actions.get()
    soon.due_date = timezone.localdate() + datetime.timedelta(days=10)
    soon.title = "Train the board"
    soon.save()
    page = client_for(partner).get("/").content.decode()
    section = page[page.index('id="needs-me"') :]
    assert "Plan to finish" in section and "Add a budget" in section and "Train the board" in section
    # A viewer has nothing to do.
    page = client_for(viewer).get("/").content.decode()
    assert "Nothing needs you now" in page


def test_what_needs_me_for_a_coordinator(client_for, coordinator, org_a):
    from actionplans.models import ActionPlan

    make_plan(org_a, title="Please review", status=ActionPlan.Status.SUBMITTED)
    make_plan(org_a, title="Draft without editor")
    Invitation.objects.create(
        organization=org_a,
        email="newcomer@example.org",
        role="editor",
        language="en",
        token_hash="0" * 64,
        invited_by=coordinator,
        sent_at=timezone.now(),
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    page = client_for(coordinator).get("/").content.decode()
    section = page[page.index('id="needs-me"') :]
    assert "1 action plan is waiting for your review." in section
    assert "no editor" in section and escape(org_a.name) in section
    assert "Invitations not accepted yet" in section and "newcomer@example.org" in section
