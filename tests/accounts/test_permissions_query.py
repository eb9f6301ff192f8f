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
