"""Catalogs are compiled as the setup does it, third-party apps speak Kyrgyz, dates follow the language."""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation

from core.management.commands.compile_translations import catalogs, compiled

THIRDPARTY = Path(settings.BASE_DIR) / "locale_thirdparty"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def test_every_catalog_is_compiled_and_current():
    assert catalogs(), "no .po files found under LOCALE_PATHS"
    stale = [str(po) for po in catalogs() if not po.with_suffix(".mo").exists()]
    stale += [
        str(po)
        for po in catalogs()
        if po.with_suffix(".mo").exists() and po.with_suffix(".mo").read_bytes() != compiled(po)
    ]
    assert not stale, "Run `make messages` (manage.py compile_translations); stale or missing .mo for: " + ", ".join(
        stale
    )


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_third_party_catalogs_are_complete_and_keep_every_placeholder(language):
    catalog = polib.pofile(str(THIRDPARTY / language / "LC_MESSAGES" / "django.po"))
    assert catalog.metadata["Language"] == language
    assert catalog.untranslated_entries() == [] and catalog.fuzzy_entries() == []
    for entry in catalog:
        for msgstr in entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]:
            assert placeholders(msgstr) == placeholders(entry.msgid), entry.msgid


@pytest.mark.parametrize(
    "msgid, kyrgyz",
    [
        ("Confirm import", "Импортту ырастоо"),  # django-import-export
        ("%s (descending)", "%s (кемүү тартибинде)"),  # django-filter
        ("Account locked: too many login attempts. Please try again later.", "Аккаунт убактылуу бөгөттөлдү"),
        ("Change reason", "Өзгөртүүнүн себеби"),  # django-simple-history
        ("Change history: %s", "Өзгөртүүлөр тарыхы: %s"),  # Django's own, corrected
        ("Yes", "Ооба"),  # Django's own Kyrgyz still applies
    ],
)
def test_third_party_strings_are_kyrgyz(msgid, kyrgyz):
    with translation.override("ky"):
        assert translation.gettext(msgid).startswith(kyrgyz)


def test_russian_fills_what_the_apps_own_russian_lacks():
    with translation.override("ru"):
        assert translation.gettext("Select all") == "Выбрать все"  # import-export's ru has it empty
        assert translation.gettext("Revert") == "Восстановить"  # simple-history ships ru_RU; it is found for ru


def test_admin_import_page_speaks_kyrgyz(admin_client):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ky"
    html = admin_client.get(reverse("admin:organizations_organization_import")).content.decode()
    assert "Импорттолуучу файл" in html  # "File to import"
    assert '<html lang="ky"' in html


@pytest.mark.parametrize(
    "language, date_text, datetime_text, number_text",
    [
        ("en", "23 Nov 2021", "23 Nov 2021, 09:05", "1234.5"),
        ("ru", "23 ноября 2021", "23 ноября 2021, 09:05", "1234,5"),
        ("ky", "23-ноябрь 2021-ж.", "23-ноябрь 2021-ж. 9:05", "1234,5"),
    ],
)
def test_dates_and_numbers_follow_the_language(language, date_text, datetime_text, number_text):
    """Our own formats (config/formats): compact day-first English, Russian months in the genitive."""
    with translation.override(language):
        assert formats.date_format(datetime.date(2021, 11, 23)) == date_text
        assert formats.date_format(datetime.datetime(2021, 11, 23, 9, 5), "DATETIME_FORMAT") == datetime_text
        assert formats.localize(Decimal("1234.5")) == number_text
        assert formats.date_format(datetime.date(2021, 11, 23), "SHORT_DATE_FORMAT") in {"11/23/2021", "23.11.2021"}


def test_kyrgyz_month_and_day_formats_use_the_kyrgyz_suffixes():
    with translation.override("ky"):
        assert formats.date_format(datetime.date(2021, 11, 23), "YEAR_MONTH_FORMAT") == "Ноябрь 2021-ж."
        assert formats.date_format(datetime.date(2021, 11, 23), "MONTH_DAY_FORMAT") == "23-ноябрь"
