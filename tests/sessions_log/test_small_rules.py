"""Small rules people tripped over: a pseudonym marked twice, a finding filed under "Other" by default."""

import pytest
from django.urls import reverse
from django.utils import translation

from sessions_log.forms import FindingFormSet
from sessions_log.models import Finding, Story, TrainingSession
from tests.sessions_log.page_data import session_page_data


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Aigul", "Aigul (name changed)"),
        ("Aigul (name changed)", "Aigul (name changed)"),
        ("Aigul  (Name Changed) ", "Aigul  (Name Changed) "),
        ("Айгуль (имя изменено)", "Айгуль (имя изменено)"),
        ("Айгүл (аты өзгөртүлгөн)", "Айгүл (аты өзгөртүлгөн)"),
    ],
)
def test_a_pseudonym_is_marked_as_a_changed_name_once(typed, shown):
    with translation.override("en"):
        assert str(Story(pseudonym=typed)) == shown


def test_in_russian_the_mark_is_russian_and_also_not_doubled():
    with translation.override("ru"):
        assert str(Story(pseudonym="Aigul")) == "Aigul (имя изменено)"
        assert str(Story(pseudonym="Aigul (name changed)")) == "Aigul (name changed)"


def test_a_new_finding_has_no_barrier_chosen_and_must_get_one(client_for, coordinator):
    empty = FindingFormSet(prefix="findings", instance=TrainingSession()).empty_form
    assert empty["barrier"].value() in (None, "")
    assert '<option value="" selected>' in str(empty["barrier"])
    data = session_page_data(findings=[{"statement": "Women sit in administration, not in decision-making"}])
    response = client_for(coordinator).post(reverse("sessions_log:create"), data)
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Finding.objects.exists() and not TrainingSession.objects.exists()
