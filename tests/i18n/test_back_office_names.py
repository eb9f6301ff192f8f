"""Names seen in the back office and on the training page read right in Russian and Kyrgyz (found on the issue 13
screenshots: the admin's "ACCOUNTS" heading stayed English, and a facilitator's name was "Название", a thing's name)."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.utils import translation

from sessions_log.models import Facilitator

# App names that are the same in every language.
SAME_EVERYWHERE = {"api"}


@pytest.mark.parametrize("language", ["ru", "ky"])
def test_every_app_of_ours_in_the_back_office_has_a_translated_name(language):
    ours = {
        model._meta.app_config
        for model in admin.site._registry
        if Path(model._meta.app_config.path).is_relative_to(settings.BASE_DIR)
        and "site-packages" not in model._meta.app_config.path
        and model._meta.app_label not in SAME_EVERYWHERE
    }
    assert {config.label for config in ours} >= {"accounts", "actionplans", "sessions_log"}
    with translation.override("en"):
        english = {config.label: str(config.verbose_name) for config in ours}
    with translation.override(language):
        untranslated = {
            label for label, name in english.items() if str(apps.get_app_config(label).verbose_name) == name
        }
    assert not untranslated


@pytest.mark.parametrize(("language", "label"), [("en", "name"), ("ru", "имя"), ("ky", "аты")])
def test_a_facilitators_name_is_a_persons_name(language, label):
    with translation.override(language):
        assert str(Facilitator._meta.get_field("name").verbose_name) == label
