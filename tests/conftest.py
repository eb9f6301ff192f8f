"""A fixed cast every test can use, and the headless-browser set-up (see ../shared/TESTING.md).

- ``coordinator``: member of the Coordinators group.
- ``org_a``/``org_b``: two partner organizations.
- ``partner``: editor of organization A; ``viewer``: viewer of organization A.
- ``partner_b``: editor of organization B.
- ``admin_user``: superuser (pytest-django's own fixture).
- ``staff``: staff without any permission.
"""

import functools
import os
import shutil

import pytest
from django.contrib.auth.models import Group
from pytest_django.plugin import blocking_manager_key

from core.roles import COORDINATORS_GROUP
from organizations.models import Membership, Organization, OrganizationKind, Region, User

# Playwright's sync API runs an event loop in the test thread; Django would refuse ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the database rolls back between tests, the cache would not (the
    dashboard's figures are cached under a stamp that bulk_create in a test does not renew)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def stamps_renewed_at_each_write(request):
    """Kept pages (core.kept) follow a stamp that PostgreSQL's triggers renew when a transaction that wrote commits.
    A test runs in one transaction it rolls back, where a request's writes are committed in production: the triggers
    fire at each statement inside it instead. Tests that commit (``transaction=True``) keep the real timing."""
    if commits(request.node) or "_django_db_helper" not in request.fixturenames:
        return
    request.getfixturevalue("_django_db_helper")
    from django.db import connection

    from core import stamps

    if connection.vendor == "postgresql":
        names = [trigger for (_table, trigger), _sql in stamps._wanted_triggers(connection)]
        with connection.cursor() as cursor:
            cursor.execute(f"SET CONSTRAINTS {', '.join(map(connection.ops.quote_name, names))} IMMEDIATE")


def make_user(username, **extra):
    return User.objects.create_user(username=username, password=PASSWORD, email=f"{username}@example.org", **extra)


@pytest.fixture
def org_a(db):
    return Organization.objects.create(
        name="Women's Initiative Osh", short_name="WIO", kind=OrganizationKind.LOCAL_CSO, region=Region.OSH
    )


@pytest.fixture
def org_b(db):
    return Organization.objects.create(
        name="Naryn Regional Administration", short_name="NRA", kind=OrganizationKind.STATE_BODY, region=Region.NARYN
    )


@pytest.fixture
def coordinator(db):
    user = make_user("coordinator", first_name="Cora", last_name="Coordinator")
    user.groups.add(Group.objects.get(name=COORDINATORS_GROUP))  # as migrated (and written again after a flush)
    return user


@pytest.fixture
def partner(org_a):
    user = make_user("partner", first_name="Aida", last_name="Partner")
    Membership.objects.create(user=user, organization=org_a, role=Membership.Role.EDITOR)
    return user


@pytest.fixture
def viewer(org_a):
    user = make_user("viewer")
    Membership.objects.create(user=user, organization=org_a, role=Membership.Role.VIEWER)
    return user


@pytest.fixture
def partner_b(org_b):
    user = make_user("partner_b")
    Membership.objects.create(user=user, organization=org_b, role=Membership.Role.EDITOR)
    return user


@pytest.fixture
def staff(db):
    return make_user("staff", is_staff=True)


@pytest.fixture
def client_for(client):
    """Sign the test client in as the given user (force_login: django-axes needs a request to authenticate)."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": shutil.which("chromium"),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }


def sign_in_page(page, base_url, user):
    """Sign in through the real form, as a person would (the header has other buttons: aim at the form's)."""
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form").get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base_url}/")
    return page


@pytest.fixture
def sign_in(page, live_server):
    """Sign the browser page in as the given user; returns the page on the home page."""
    return lambda user: sign_in_page(page, live_server.url, user)


def commits(item):
    """Whether a test commits its writes (a live server, ``transaction=True``) rather than rolling back one
    transaction; its teardown flushes every table."""
    marker = item.get_closest_marker("django_db")
    return bool(marker is not None and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
    )


@functools.cache
def _data_migrations():
    """The forward functions of the migrations that write rows (RunPython), in the order ``migrate`` runs them."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor
    from django.db.migrations.operations import RunPython

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes(), clean_start=True)
    return [op.code for migration, _backwards in plan for op in migration.operations if isinstance(op, RunPython)]


def migrated_rows_restore():
    """Write again what the migrations wrote into the empty database (the Coordinators group, the scheduler's
    schedules, the dashboard's stamp): a flush removes it, and its ``post_migrate`` brings back only the content
    types, the permissions and the Coordinators group. Each data migration runs against today's models, as on an
    empty database."""
    from django.apps import apps
    from django.db import connection

    with connection.schema_editor() as schema_editor:
        for code in _data_migrations():
            try:
                code(apps, schema_editor)
            except LookupError:
                continue  # its model was removed by a later migration, and its rows with it


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a test that committed (and so flushed the database on its way out), the migrated rows again: every test
    then starts on the database as migrated, whichever tests ran before it on the same xdist worker."""
    yield
    if commits(item) and nextitem is not None:  # (after the last test, the test database is gone)
        with item.config.stash[blocking_manager_key].unblock():
            migrated_rows_restore()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """The page sweeps (minutes each) first of the tests that commit, which pytest-django runs last: so that no
    xdist worker is left with a sweep while the other has nothing left to do. Browser tests need Chromium; where it
    is missing (a laptop), skip them and say why. CI installs it."""
    sweeps = [item for item in items if "sweep" in item.keywords and commits(item)]
    rest = [item for item in items if item not in sweeps]
    first = next((index for index, item in enumerate(rest) if commits(item)), len(rest))
    items[:] = rest[:first] + sweeps + rest[first:]
    if shutil.which("chromium"):
        return
    if os.environ.get("CI"):
        raise pytest.UsageError("CI must run the browser tests, but no chromium is installed.")
    skip = pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium); CI runs these tests.")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)
