"""The change lists of the large tables (issue: the back office at 100x the demo): a page costs the same queries and
rows whatever the size of the table, the filters in the sidebar stay a few links, the rows' checkboxes are
the admin's own markup, and the parts kept in the cache (rows, filters, actions menu, sidebar) show every write at
the next visit and only the links each reader may use."""

import datetime
import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from actionplans.models import Action, ActionPlan, Indicator, Measurement
from core import stamps
from core.admin import PAGES_STAMP, LongListPaginator
from organizations.models import Organization
from sessions_log.models import Attendance, TrainingSession
from tests.backoffice.factories import make_world

# Session, user, the page's rows with their select_related joins, the filtered count for the paginator (never a
# second COUNT(*) of the whole table), the date range of the year filter where there is one, the bell's count.
LONG_LISTS = {
    Measurement: 6,
    Action: 6,
    Indicator: 6,
    ActionPlan: 6,
    # The training filter's first trainings (one query, whatever their number).
    Attendance: 7,
    Organization: 5,
}


def changelist(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


@pytest.mark.parametrize("kept", ["nothing", "parts", "page"])
@pytest.mark.parametrize("size", [1, 4])
@pytest.mark.parametrize("model", list(LONG_LISTS), ids=lambda model: model._meta.label)
def test_a_long_list_costs_the_same_queries_at_any_size(
    client_for, admin_user, django_assert_num_queries, model, size, kept
):
    for n in range(size):
        make_world(n + 1)
    client = client_for(admin_user)
    client.get(changelist(model))  # content types and permissions cached, as on any page after the first
    if kept == "nothing":
        cache.clear()  # the rows and filters drawn again; the keys cost no query either way
    elif kept == "parts":
        stamps.renew(PAGES_STAMP)  # as a write elsewhere: the page is drawn again, its rows and filters are not
    # The page seen again: the session, the person and the stamp of the tables the list reads.
    queries = 3 if kept == "page" else LONG_LISTS[model] + 1
    with django_assert_num_queries(queries):
        response = client.get(changelist(model))
    assert response.content.decode().count('class="action-select"') == size


def test_a_page_holds_fifty_rows_and_the_next_page_the_rest(client_for, admin_user):
    Organization.objects.bulk_create(Organization(name=f"Partner {n:03}") for n in range(60))
    client = client_for(admin_user)
    first = client.get(changelist(Organization)).content.decode()
    second = client.get(changelist(Organization), {"p": "2"}).content.decode()
    assert first.count('class="action-select"') == 50
    assert second.count('class="action-select"') == 10
    assert "Partner 059" in second and "Partner 059" not in first


@pytest.mark.parametrize("name", ["Plain", '<b>Tom & Jerry\'s "NGO"</b>', "Коомчулук «Айыл»"])
def test_the_rows_checkbox_is_the_admins_own_markup(rf, admin_user, name):
    organization = Organization.objects.create(name=name)
    model_admin = admin.site._registry[Organization]
    assert model_admin.action_checkbox(organization) == admin.ModelAdmin.action_checkbox(model_admin, organization)


def test_the_training_filter_lists_the_latest_trainings_and_the_one_chosen(client_for, admin_user):
    world = make_world(1, session_date=datetime.date(2019, 1, 10))  # the oldest training
    oldest = world[TrainingSession]
    for n in range(20):
        day = datetime.date(2022, 1, 1) + datetime.timedelta(days=n)
        session = TrainingSession.objects.create(title=f"Recent training {n:02}", start_date=day, end_date=day)
        Attendance.objects.create(session=session, organization=world[Organization], women=1)
    client = client_for(admin_user)

    page = client.get(changelist(Attendance)).content.decode()
    sidebar = page[page.index('id="changelist-filter"') :]
    assert "Recent training 19" in sidebar and "Recent training 05" in sidebar
    assert "Recent training 04" not in sidebar and oldest.title not in sidebar  # the 15 latest only

    chosen = client.get(changelist(Attendance), {"session__id__exact": oldest.pk})
    page = chosen.content.decode()
    assert chosen.status_code == 200 and page.count('class="action-select"') == 1
    sidebar = page[page.index('id="changelist-filter"') :]
    assert re.search(rf'<li class="selected">\s*<a href="[^"]*">{re.escape(str(oldest))}</a>', sidebar)


def test_the_whole_of_a_large_table_is_counted_from_postgresqls_estimate(db):
    Organization.objects.bulk_create(Organization(name=f"Partner {n:03}") for n in range(30))
    whole = LongListPaginator(Organization.objects.order_by("pk"), 50)
    whole.estimate_above = 10
    filtered = LongListPaginator(Organization.objects.filter(name__startswith="Partner 00"), 50)
    filtered.estimate_above = 0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE organizations_organization")
        assert (whole.count, whole.estimated) == (30, True)  # no COUNT(*) over the table
    else:
        assert (whole.count, whole.estimated) == (30, False)  # other databases count exactly
    assert (filtered.count, filtered.estimated) == (10, False)  # a filtered list is always counted exactly


def test_the_page_says_about_before_an_estimated_count(client_for, admin_user, monkeypatch):
    Organization.objects.bulk_create(Organization(name=f"Partner {n:03}") for n in range(3))
    monkeypatch.setattr(LongListPaginator, "_whole_table_count", lambda self: (True, 12_345))
    page = client_for(admin_user).get(changelist(Organization)).content.decode()
    assert "about 12345 organizations" in page
    searched = client_for(admin_user).get(changelist(Organization), {"q": "Partner"}).content.decode()
    assert "about" not in searched[searched.index('class="paginator"') :]


# --- Parts kept in the cache ------------------------------------------------------------------------------------


def _masked(page):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def _part(page, start, end):
    return page[page.index(start) : page.index(end, page.index(start))]


def grant(user, *codenames):
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))


@pytest.mark.parametrize("model", list(LONG_LISTS), ids=lambda model: model._meta.label)
def test_a_page_from_the_cache_is_the_page_drawn(client_for, admin_user, model):
    make_world(1)
    make_world(2)
    client = client_for(admin_user)
    query = {"o": "-1", "year": "2021"} if model in (Attendance, Measurement) else {"o": "-1"}
    drawn = client.get(changelist(model), query).content.decode()
    kept = client.get(changelist(model), query).content.decode()
    assert _masked(kept) == _masked(drawn)
    assert client.get(changelist(model), {"o": "1"}).content.decode() != kept  # another order is another page


# Committed writes: on PostgreSQL the stamp is renewed when a transaction commits (core.stamps).
@pytest.mark.django_db(transaction=True)
def test_a_write_shows_on_the_next_visit_whatever_made_it(client_for, admin_user):
    world = make_world(1)
    client = client_for(admin_user)
    assert "Adopt a gender policy 1" in client.get(changelist(Action)).content.decode()

    world[Action].title = "Adopt a harassment policy"
    world[Action].save()
    assert "Adopt a harassment policy" in client.get(changelist(Action)).content.decode()

    # A joined row changed without a signal: the database's trigger renews the page's stamp all the same.
    Organization.objects.filter(pk=world[Organization].pk).update(name="Renamed city hall")
    page = client.get(changelist(Action)).content.decode()
    assert "Renamed city hall" in page and "Organization 1" not in page

    Action.objects.filter(pk=world[Action].pk).delete()
    assert 'class="action-select"' not in client.get(changelist(Action)).content.decode()


# Committed writes: on PostgreSQL the stamp is renewed when a transaction commits (core.stamps).
@pytest.mark.django_db(transaction=True)
def test_the_filters_follow_the_data(client_for, admin_user):
    world = make_world(1)  # a plan over 2022-2023, a training in 2021
    client = client_for(admin_user)
    sidebar = _part(client.get(changelist(ActionPlan)).content.decode(), 'id="changelist-filter"', "</nav>")
    assert "2023" in sidebar and "2031" not in sidebar

    ActionPlan.objects.filter(pk=world[ActionPlan].pk).update(period_end=datetime.date(2031, 12, 31))
    sidebar = _part(client.get(changelist(ActionPlan)).content.decode(), 'id="changelist-filter"', "</nav>")
    assert "2031" in sidebar

    client.get(changelist(Attendance))
    day = datetime.date(2024, 5, 1)
    TrainingSession.objects.create(title="A training today", start_date=day, end_date=day)
    sidebar = _part(client.get(changelist(Attendance)).content.decode(), 'id="changelist-filter"', "</nav>")
    assert "A training today" in sidebar


def test_staff_of_lesser_permission_see_only_their_own_links(client_for, admin_user, staff):
    make_world(1)
    client = client_for(admin_user)
    full = client.get(changelist(Action)).content.decode()  # every part kept for the superuser first
    assert 'class="action-select"' in full and 'value="delete_selected"' in full
    assert changelist(Indicator) in full and "export_link" in full

    grant(staff, "view_action")
    page = client_for(staff).get(changelist(Action)).content.decode()
    assert "Adopt a gender policy 1" in page
    assert 'class="action-select"' not in page and "delete_selected" not in page  # no action they may run
    assert "export_link" not in page and reverse("admin:actionplans_action_add") not in page
    assert changelist(Indicator) not in page and changelist(Organization) not in page  # sidebar: their model only

    grant(staff, "view_indicator", "delete_action")  # counts from the next request, as Django's own checks
    page = client_for(staff).get(changelist(Action)).content.decode()
    assert changelist(Indicator) in page and 'value="delete_selected"' in page and 'class="action-select"' in page
    assert changelist(Organization) not in page


def test_the_kept_parts_follow_the_language(client_for, admin_user):
    make_world(1)
    client = client_for(admin_user)
    english = client.get(changelist(Action), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    admin_user.language = "ru"
    admin_user.save()
    russian = client.get(changelist(Action), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert 'lang="ru"' in russian
    parts = (('id="result_list"', "</table>"), ('id="nav-sidebar"', "</nav>"), ('name="action"', "</select>"))
    for start, end in parts:
        assert _part(english, start, end) != _part(russian, start, end)


def test_staff_who_may_only_add_see_the_add_link_alone(client_for, staff):
    grant(staff, "add_organization")  # Django lists the model without its list link
    client = client_for(staff)
    page = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:organizations_organization_add") in page
    assert f'href="{changelist(Organization)}"' not in page
    response = client.get(reverse("admin:organizations_organization_add"))
    assert response.status_code == 200 and f'href="{changelist(Organization)}"' not in response.content.decode()
