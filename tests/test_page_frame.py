"""The page frame's fixed parts (base.html) are rendered once per process, language and role and reused: whoever
comes next still sees their own links, in their own language, with their own name, bell and sign-out form."""

import re

from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification


def navigation(response):
    return re.search(r'<nav class="navbar.*?</nav>', response.content.decode(), flags=re.S).group(0)


def test_a_partner_after_a_coordinator_sees_the_partners_links(client, coordinator, partner):
    client.force_login(coordinator)
    first = navigation(client.get(reverse("actionplans:list")))
    client.force_login(partner)
    second = navigation(client.get(reverse("actionplans:list")))
    client.force_login(coordinator)
    third = navigation(client.get(reverse("actionplans:list")))
    assert reverse("sessions_log:list") in first and reverse("sessions_log:list") in third
    assert reverse("sessions_log:list") not in second and reverse("assessments:list") in second
    name = {
        user: f'aria-expanded="false">{user.get_full_name() or user.get_username()}<' for user in (coordinator, partner)
    }
    assert name[coordinator] in first and name[partner] in second and name[partner] not in third


def test_the_links_follow_the_language_of_each_request(client_for, partner):
    client = client_for(partner)
    english = navigation(client.get(reverse("actionplans:list"), HTTP_ACCEPT_LANGUAGE="en"))
    russian = navigation(client.get(reverse("actionplans:list"), HTTP_ACCEPT_LANGUAGE="ru"))
    kyrgyz = navigation(client.get(reverse("actionplans:list"), HTTP_ACCEPT_LANGUAGE="ky"))
    assert "Action plans" in english
    assert "Планы действий" in russian and "Action plans" not in russian
    assert "Иш-аракеттер пландары" in kyrgyz
    assert re.search(r'value="ru"[^>]*btn-light[^>]*aria-current="true"', russian)
    assert re.search(r'value="en"[^>]*btn-light[^>]*aria-current="true"', english)


def test_only_superusers_see_the_coordinator_invitations_in_their_menu(client, coordinator, admin_user):
    invite = reverse("accounts:coordinator_invitations")
    client.force_login(admin_user)
    assert invite in navigation(client.get(reverse("actionplans:list")))
    client.force_login(coordinator)
    assert invite not in navigation(client.get(reverse("actionplans:list")))


def test_home_is_the_current_section_on_home_only(client_for, partner):
    client = client_for(partner)
    home_link = f'class="nav-link active" href="{reverse("home")}"'
    assert home_link in navigation(client.get(reverse("home")))
    assert home_link not in navigation(client.get(reverse("actionplans:list")))


def test_the_bell_and_the_language_forms_stay_per_request(client_for, partner):
    client = client_for(partner)
    client.get(reverse("actionplans:list"))
    Notification.objects.create(recipient=partner, kind="plan_approved", link="/plans/1/", key="test:frame")
    nav = navigation(client.get(reverse("notifications:settings")))
    assert 'data-unread="1"' in nav
    assert f'name="next" value="{reverse("notifications:settings")}"' in nav
    assert nav.count('name="csrfmiddlewaretoken"') == 3  # two language forms and sign-out


def test_the_bell_says_the_count_in_the_readers_language_in_both_copies(client_for, partner):
    client = client_for(partner)
    for key in ("a", "b"):
        Notification.objects.create(recipient=partner, kind="plan_approved", link="/plans/1/", key=f"test:{key}")
    nav = navigation(client.get(reverse("actionplans:list"), HTTP_ACCEPT_LANGUAGE="ru"))
    assert nav.count('data-unread="2">2</span>') == 2
    assert nav.count("2 непрочитанных уведомления") == 2
    assert 'id="notifications-bell-narrow"' in nav and 'id="notifications-bell"' in nav
    Notification.objects.filter(recipient=partner).update(read_at=timezone.now())
    nav = navigation(client.get(reverse("actionplans:list"), HTTP_ACCEPT_LANGUAGE="en"))
    assert "data-unread" not in nav and nav.count("Notifications: nothing unread") == 2


def test_each_copy_of_the_switcher_and_the_bell_is_placed_by_its_own_classes(client_for, partner):
    # Drawn once per page and copied (core.templatetags.frame): the narrow copy shows below 1200 px, the wide above.
    client = client_for(partner)
    # An address that spells a copy's marker stays the reader's address in both "next" fields.
    nav = navigation(client.get(reverse("actionplans:list") + "?q=<copy-of switcher_class>"))
    assert re.findall(r'class="language-switcher ([^"]*)"', nav) == ["ms-auto me-2 d-xl-none", "d-none d-xl-block ms-3"]
    assert re.findall(r'position-relative ([^"]*)" id="([^"]*)"', nav) == [
        ("d-xl-none me-3", "notifications-bell-narrow"),
        ("d-none d-xl-inline me-3", "notifications-bell"),
    ]
    assert nav.count('name="next" value="/plans/?q=%3Ccopy-of%20switcher_class%3E"') == 2


def test_a_signed_out_visitor_gets_one_switcher(client):
    page = client.get(reverse("login")).content.decode()
    assert re.findall(r'class="language-switcher ([^"]*)"', page) == ["ms-auto"]
