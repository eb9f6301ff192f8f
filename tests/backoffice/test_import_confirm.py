"""The admin import's confirm step is bound to its preview (issue 17, item 2).

The confirm used to read whatever file the hidden ``import_file_name`` named in the temp folder, without the
preview's checks: another file there was imported (even one the preview would refuse) and deleted; a missing
or foreign name, or a second click, was a 500; and a confirm landing on another app host found no file.
"""

import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core import signing
from django.urls import reverse
from import_export.tmp_storages import TempFolderStorage

from core.imports import PREVIEW_FOLDER, PREVIEW_SALT
from organizations.models import Organization
from sessions_log.models import DiscussionTopic
from tests.backoffice.test_imports import CSV, ORGANIZATIONS, confirm, csv_bytes, upload, url
from tests.conftest import make_user

STALE = "This import preview is no longer valid"


def _preview(client, rows=ORGANIZATIONS):
    preview = upload(client, Organization, "partners.csv", csv_bytes(rows), CSV)
    assert preview.context["confirm_form"] is not None
    return preview


def _confirm_with(client, name, model=Organization):
    return client.post(
        url(model, "process_import"),
        {"import_file_name": name, "original_file_name": "x.csv", "format": CSV, "resource": "0"},
    )


def _assert_refused(client, response):
    assert response.status_code == 302
    assert response["Location"] == url(Organization, "import")
    assert STALE in client.get(response["Location"]).content.decode()


@pytest.fixture
def importer(client_for, admin_user):
    return client_for(admin_user)


def test_a_confirm_naming_a_file_in_the_temp_folder_imports_nothing_and_leaves_it(importer):
    # A file the preview would refuse (the same organization twice) put in the temp folder by anyone.
    planted = TempFolderStorage(read_mode="rb")
    planted.save(csv_bytes([ORGANIZATIONS[0], ORGANIZATIONS[1], ORGANIZATIONS[1]]))
    name = planted.name.rsplit("/", 1)[-1]

    _assert_refused(importer, _confirm_with(importer, name))
    assert not Organization.objects.exists()
    assert planted.read()  # not deleted


@pytest.mark.parametrize("name", ["", "no-such-file", "../../etc/passwd", "0" * 32, "x" * 5000])
def test_a_missing_or_made_up_name_gets_a_clear_message_not_a_500(importer, name):
    _assert_refused(importer, _confirm_with(importer, name))
    assert not Organization.objects.exists()


def test_a_second_confirm_of_the_same_preview_gets_a_clear_message(importer):
    preview = _preview(importer)
    assert confirm(importer, Organization, preview).status_code == 302
    assert Organization.objects.count() == 2
    Organization.objects.all().delete()

    _assert_refused(importer, confirm(importer, Organization, preview))
    assert not Organization.objects.exists()


def test_another_persons_preview_cannot_be_confirmed(client, importer):
    preview = _preview(importer)
    other = make_user("other_admin", is_staff=True, is_superuser=True)
    client.force_login(other)
    _assert_refused(client, confirm(client, Organization, preview))
    assert not Organization.objects.exists()

    # The person who previewed it still can.
    importer.force_login(preview.wsgi_request.user)
    assert confirm(importer, Organization, preview).status_code == 302
    assert Organization.objects.count() == 2


def test_a_preview_cannot_be_confirmed_into_another_list(importer):
    preview = _preview(importer)
    form = preview.context["confirm_form"]
    response = importer.post(
        url(DiscussionTopic, "process_import"), {name: form.initial.get(name) for name in form.fields}
    )
    assert response.status_code == 302
    assert STALE in importer.get(response["Location"]).content.decode()
    assert not DiscussionTopic.objects.exists() and not Organization.objects.exists()


def test_the_confirm_works_on_a_host_that_never_saw_the_preview(importer, tmp_path, monkeypatch):
    preview = _preview(importer)
    # Another app host: its own empty temp folder; only the database (and media storage) are shared.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert confirm(importer, Organization, preview).status_code == 302
    assert Organization.objects.count() == 2


def stored_preview_file(preview):
    """Where the preview's file waits for its confirm, in media storage."""
    ticket = signing.loads(preview.context["confirm_form"].initial["import_file_name"], salt=PREVIEW_SALT)
    return Path(settings.MEDIA_ROOT) / PREVIEW_FOLDER / ticket["file"]


def test_the_confirm_checks_the_file_again(importer):
    preview = _preview(importer)
    # The stored file changed after its preview (the same organization twice): the preview's checks run again.
    stored_preview_file(preview).write_bytes(csv_bytes([ORGANIZATIONS[0], ORGANIZATIONS[1], ORGANIZATIONS[1]]))
    response = confirm(importer, Organization, preview)
    assert response.status_code == 302
    page = importer.get(response["Location"]).content.decode()
    assert "Lines 2 and 3 describe the same organization" in page
    assert not Organization.objects.exists()


def test_the_confirm_needs_the_import_permission(client_for, admin_user, staff):
    preview = _preview(client_for(admin_user))
    staff.user_permissions.add(Permission.objects.get(codename="view_organization"))
    client = client_for(staff)
    response = confirm(client, Organization, preview)
    assert response.status_code == 403
    assert not Organization.objects.exists()
    assert reverse("admin:organizations_organization_process_import")


def test_previews_nobody_confirmed_are_removed_after_a_day(importer):
    import os
    import time

    stale = stored_preview_file(_preview(importer))
    day_ago = time.time() - 24 * 60 * 60 - 60
    os.utime(stale, (day_ago, day_ago))
    fresh = stored_preview_file(_preview(importer))
    assert not stale.exists() and fresh.exists()


def test_a_csv_mixing_utf8_and_windows_1251_lines_is_refused_naming_the_first_odd_line(importer):
    from tests.backoffice.test_imports import assert_rejected

    content = (
        b"Name,Short name,Kind\n"
        + "Мэрия города Ош,Мэрия,State body\n".encode()
        + "Женская инициатива,ЖИ,Other\n".encode("cp1251")
        + "Аялзат,ОО,Other\n".encode()
    )
    response = upload(importer, Organization, "mixed.csv", content, CSV)
    assert_rejected(response, "line 3 is not UTF-8")
    assert not Organization.objects.exists()
