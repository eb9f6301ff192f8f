"""The permissions behind every role check come in one query per request, and say the same as Django's own."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from accounts.backends import EmailOrUsernameBackend
from core.roles import COORDINATORS_GROUP
from organizations.models import User


def fresh(user):
    """The person as the next request reads them (nothing cached on the object)."""
    return User.objects.get(pk=user.pk)


def test_own_and_group_permissions_come_in_one_query(coordinator, django_assert_num_queries):
    coordinator.user_permissions.add(Permission.objects.get(codename="view_user"))
    user = fresh(coordinator)
    with django_assert_num_queries(1):
        found = EmailOrUsernameBackend().get_all_permissions(user)
        assert user.has_perm("organizations.coordinate") and user.has_perm("organizations.view_user")
    assert found == ModelBackend().get_all_permissions(fresh(coordinator))
    assert "organizations.view_user" in found and "organizations.coordinate" in found


@pytest.mark.parametrize("who", ["partner", "staff", "admin_user"])
def test_every_kind_of_person_gets_what_django_would_give(request, who):
    user = request.getfixturevalue(who)
    assert EmailOrUsernameBackend().get_all_permissions(fresh(user)) == ModelBackend().get_all_permissions(fresh(user))


def test_an_inactive_person_has_no_permission(coordinator):
    User.objects.filter(pk=coordinator.pk).update(is_active=False)
    assert EmailOrUsernameBackend().get_all_permissions(fresh(coordinator)) == set()


def test_a_coordinator_taken_out_of_the_group_loses_the_pages_at_the_next_request(client_for, coordinator):
    client = client_for(coordinator)
    assert client.get(reverse("sessions_log:list")).status_code == 200
    coordinator.groups.remove(Group.objects.get(name=COORDINATORS_GROUP))
    assert client.get(reverse("sessions_log:list")).status_code == 404


# Kept in the cache under the permissions stamp -------------------------------------------------------------------

COORDINATOR_PAGE = "sessions_log:list"


def _permission_queries(client, url):
    """How many of one request's queries read permissions (the query behind every role check)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        status = client.get(url).status_code
    return status, sum('"auth_permission"' in query["sql"] for query in captured.captured_queries)


def test_the_permissions_are_read_once_then_from_the_cache_on_every_page(client_for, coordinator):
    client = client_for(coordinator)
    assert _permission_queries(client, reverse(COORDINATOR_PAGE)) == (200, 1)
    assert _permission_queries(client, reverse(COORDINATOR_PAGE)) == (200, 0)
    assert _permission_queries(client, reverse("actionplans:list")) == (200, 0)


@pytest.mark.parametrize(
    "take_away",
    [
        pytest.param(lambda user, group, permission: user.groups.remove(group), id="left-the-group"),
        pytest.param(lambda user, group, permission: user.groups.clear(), id="every-group-cleared"),
        pytest.param(lambda user, group, permission: group.permissions.remove(permission), id="group-lost-it"),
        pytest.param(lambda user, group, permission: group.delete(), id="group-deleted"),
        pytest.param(lambda user, group, permission: permission.delete(), id="permission-deleted"),
    ],
)
def test_a_permission_taken_away_counts_at_the_next_request_though_it_was_cached(client_for, coordinator, take_away):
    client = client_for(coordinator)
    url = reverse(COORDINATOR_PAGE)
    assert client.get(url).status_code == 200
    assert _permission_queries(client, url) == (200, 0)  # cached
    group = Group.objects.get(name=COORDINATORS_GROUP)
    take_away(coordinator, group, Permission.objects.get(codename="coordinate"))
    assert client.get(url).status_code == 404


def test_a_permission_given_counts_at_the_next_request(client_for, partner):
    client = client_for(partner)
    url = reverse(COORDINATOR_PAGE)
    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404  # cached without it
    partner.user_permissions.add(Permission.objects.get(codename="coordinate"))
    assert client.get(url).status_code == 200


def test_each_person_has_their_own_entry(client_for, coordinator, partner):
    client = client_for(coordinator)
    url = reverse(COORDINATOR_PAGE)
    assert client.get(url).status_code == 200
    assert client_for(partner).get(url).status_code == 404


def test_a_migration_renews_the_stamp(coordinator):
    """Data migrations grant permissions with historical models, whose changes send these receivers nothing."""
    from django.core.management import call_command

    from accounts.backends import PERMISSIONS_STAMP
    from core import stamps

    before = stamps.token(PERMISSIONS_STAMP)
    call_command("migrate", verbosity=0)
    assert stamps.token(PERMISSIONS_STAMP) != before
