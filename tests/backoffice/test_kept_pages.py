"""The long lists of the back office kept whole for each reader (core.admin.LongListMixin) under a stamp the
database renews itself (core.stamps.renew_in_database): every committed write to a table a list reads is seen at
the next visit whatever made it, a rolled-back one changes nothing, and what is the reader's own on the page (the
CSRF token, the name in the header, a message) is never another's."""

import re

import pytest
from django.contrib import admin
from django.contrib.admin import site
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from actionplans.models import Action
from core import stamps
from core.admin import PAGES_STAMP, LongListMixin, models_read
from notifications.models import Notification
from organizations.models import Organization
from tests.backoffice.factories import make_world

# Committed writes: on PostgreSQL the stamp's trigger fires when the transaction commits.
pytestmark = pytest.mark.django_db(transaction=True)

ACTIONS = reverse("admin:actionplans_action_changelist")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def kept(response):
    """Served from the cache: no template was rendered for it."""
    return response.status_code == 200 and not response.templates


def test_every_committed_write_to_a_table_a_list_reads_renews_the_stamp_and_no_other_does(admin_user):
    world = make_world(1)
    token = stamps.token(PAGES_STAMP)

    Organization.objects.filter(pk=world[Organization].pk).update(name="Renamed")  # no signal
    assert stamps.token(PAGES_STAMP) != token
    token = stamps.token(PAGES_STAMP)

    with connection.cursor() as cursor:  # not even Django's
        cursor.execute("UPDATE actionplans_action SET title = %s", ["Written in SQL"])
    assert stamps.token(PAGES_STAMP) != token
    token = stamps.token(PAGES_STAMP)

    with pytest.raises(RuntimeError), transaction.atomic():
        Action.objects.update(title="Never committed")
        raise RuntimeError
    assert stamps.token(PAGES_STAMP) == token

    Notification.objects.create(recipient=admin_user, kind="plan_submitted", link="/plans/1/", key="a-bell")  # no list
    assert stamps.token(PAGES_STAMP) == token


def test_every_table_a_list_reads_carries_its_trigger(admin_user):
    make_world(1)
    covered = set().union(*(kept.models_read for kept in site._registry.values() if getattr(kept, "models_read", None)))
    assert covered == stamps._RENEWED_BY_DATABASE[PAGES_STAMP]
    for model in sorted(covered, key=lambda model: model._meta.db_table):
        table = model._meta.db_table
        token = stamps.token(PAGES_STAMP)
        pk = connection.ops.quote_name(model._meta.pk.column)
        with connection.cursor() as cursor:  # a write that changes nothing still renews
            cursor.execute(
                f"UPDATE {connection.ops.quote_name(table)} SET {pk} = {pk} WHERE {pk} = %s",
                [model.objects.values_list("pk", flat=True).first()],
            )
        assert stamps.token(PAGES_STAMP) != token, table


def test_a_sign_in_renews_nothing_but_a_change_to_a_person_does(client, admin_user, django_user_model):
    # The members list reads the people's table; Django writes last_login at every sign-in, which no list shows.
    assert django_user_model in stamps._RENEWED_BY_DATABASE[PAGES_STAMP]
    token = stamps.token(PAGES_STAMP)
    client.force_login(admin_user)
    django_user_model.objects.filter(pk=admin_user.pk).update(last_login=None)
    assert stamps.token(PAGES_STAMP) == token
    django_user_model.objects.filter(pk=admin_user.pk).update(first_name="Renamed", last_login=None)
    assert stamps.token(PAGES_STAMP) != token


def written_triggers():
    with connection.cursor() as cursor:
        cursor.execute(stamps._WRITTEN[connection.vendor])
        return {trigger for _table, trigger in cursor.fetchall()}


def test_the_triggers_follow_the_stamps_that_want_them(monkeypatch, admin_user):
    wanted = {trigger for (_table, trigger), _sql in stamps._wanted_triggers(connection)}
    assert written_triggers() == wanted  # after migrate (and each flush): every one written, none left over
    monkeypatch.setitem(stamps._RENEWED_BY_DATABASE, "bells", {Notification})
    stamps.install_triggers()
    assert len(written_triggers() - wanted) == (1 if connection.vendor == "postgresql" else 3)
    token = stamps.token("bells")
    Notification.objects.create(recipient=admin_user, kind="plan_submitted", link="/plans/1/", key="renews")
    assert stamps.token("bells") != token

    del stamps._RENEWED_BY_DATABASE["bells"]  # no longer wanted: dropped at the next migrate
    stamps.install_triggers()
    assert written_triggers() == wanted
    token = stamps.token("bells")
    Notification.objects.all().delete()
    assert stamps.token("bells") == token


def test_a_kept_page_carries_each_readers_own_working_csrf_token(admin_user):
    make_world(1)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    for client in (first, second):
        client.force_login(admin_user)  # two sessions of one person: two CSRF secrets
    assert not kept(first.get(ACTIONS))
    pages = [first.get(ACTIONS), second.get(ACTIONS)]
    assert all(kept(page) for page in pages)

    tokens = [set(CSRF.findall(page.content.decode())) for page in pages]
    assert all(len(found) == 1 for found in tokens) and tokens[0] != tokens[1]
    action = Action.objects.get()
    for client, (token,) in zip((first, second), tokens, strict=True):
        answer = client.post(
            ACTIONS, {"csrfmiddlewaretoken": token, "action": "delete_selected", "_selected_action": [action.pk]}
        )
        assert answer.status_code == 200 and "Delete multiple objects" in answer.content.decode()  # not 403


def test_a_message_is_shown_once_and_never_kept(client_for, admin_user):
    world = make_world(1)
    client = client_for(admin_user)
    client.get(ACTIONS)
    assert kept(client.get(ACTIONS))

    answer = client.post(
        ACTIONS, {"action": "delete_selected", "_selected_action": [world[Action].pk], "post": "yes"}, follow=True
    )
    assert "Successfully deleted 1" in answer.content.decode() and not kept(answer)
    again = client.get(ACTIONS)
    assert (
        "Successfully deleted" not in again.content.decode() and 'class="action-select"' not in again.content.decode()
    )


def test_each_reader_sees_their_own_name(client_for, admin_user, django_user_model):
    make_world(1)
    other = django_user_model.objects.create_superuser("second", "second@example.org", "x-unused-x", first_name="Dina")
    admin_user.first_name = "Aida"
    admin_user.save()
    for _ in range(2):  # drawn, then kept
        assert "<strong>Aida</strong>" in client_for(admin_user).get(ACTIONS).content.decode()
        assert "<strong>Dina</strong>" in client_for(other).get(ACTIONS).content.decode()


def test_a_list_is_kept_only_when_every_filter_says_what_it_reads():
    class SaysNothing(admin.SimpleListFilter):
        title = parameter_name = "quiet"

        def lookups(self, request, model_admin):
            return [(str(year), str(year)) for year in Organization.objects.dates("created_at", "year")]

        def queryset(self, request, queryset):
            return queryset

    class Quiet(LongListMixin, admin.ModelAdmin):
        list_filter = (SaysNothing,)

    class Says(LongListMixin, admin.ModelAdmin):
        list_filter = (type("SaysWhat", (SaysNothing,), {"reads": ("organizations.Organization",)}),)

    assert Quiet(Action, admin.site).models_read is None
    assert Says(Action, admin.site).models_read == {Action, Organization}


def test_a_list_reads_the_tables_of_its_joined_rows_searches_and_orderings():
    read = models_read(admin.site._registry[Action])
    assert {model._meta.label for model in read} == {
        "actionplans.Action",
        "actionplans.Objective",
        "actionplans.ActionPlan",
        "organizations.Organization",
    }
