"""Rules that used to live in forms and views, held by models and services so every write path applies them.

The page tests (tests/actionplans/test_editor.py, tests/sessions_log/test_session_form.py,
tests/organizations/test_directory.py) keep the messages beside the fields; these call the rule the way
the admin, an import or an API does, without a page.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from actionplans.models import Indicator, Measurement
from organizations.models import HeadcountSnapshot, Level
from organizations.services import headcount_snapshots_add
from sessions_log.models import DiscussionTopic, SessionTopic
from tests.actionplans.conftest import make_plan

DAY = datetime.date(2026, 5, 1)


def _messages(error):
    return {field: list(messages) for field, messages in error.value.message_dict.items()}


# --- Measurement.clean --------------------------------------------------------------------------------


@pytest.fixture
def share_indicator(org_a):
    return Indicator.objects.get(objective__plan=make_plan(org_a))


@pytest.mark.parametrize(
    ("women", "total", "field", "message"),
    [
        (9, 8, "women", "There cannot be more women than people in total."),
        (0, 0, "total", "Count at least one person."),
    ],
)
def test_a_share_measurement_refuses_impossible_counts(share_indicator, women, total, field, message):
    measurement = Measurement(indicator=share_indicator, date=DAY, value=0, women=women, total=total)
    with pytest.raises(ValidationError) as error:
        measurement.full_clean()
    assert _messages(error)[field] == [message]


def test_a_share_measurement_takes_its_value_from_women_and_total(share_indicator):
    measurement = Measurement(indicator=share_indicator, date=DAY, value=99, women=3, total=8)
    measurement.full_clean()
    assert measurement.value == Decimal("37.5")


def test_a_yes_no_measurement_takes_1_or_0(share_indicator):
    Indicator.objects.filter(pk=share_indicator.pk).update(kind=Indicator.Kind.YES_NO, target_value=1)
    indicator = Indicator.objects.get(pk=share_indicator.pk)
    with pytest.raises(ValidationError) as error:
        Measurement(indicator=indicator, date=DAY, value=2).full_clean()
    assert _messages(error)["value"] == ["A yes/no indicator takes 1 for yes or 0 for no."]
    Measurement(indicator=indicator, date=DAY, value=1).full_clean()


# --- SessionTopic.choose_topic ------------------------------------------------------------------------


def test_a_session_topic_is_a_library_question_or_a_new_one(db):
    existing = DiscussionTopic.objects.create(question="Who decides on the budget?")
    with pytest.raises(ValidationError) as error:
        SessionTopic.choose_topic(topic=existing, new_question="Another question")
    assert _messages(error) == {"new_question": ["Pick a question or type a new one, not both."]}
    with pytest.raises(ValidationError) as error:
        SessionTopic.choose_topic(topic=None, new_question="   ")
    assert _messages(error) == {"topic": ["Pick a question from the library, or type a new one."]}
    assert SessionTopic.choose_topic(topic=existing, new_question="") == (existing, "")
    assert SessionTopic.choose_topic(topic=None, new_question="  A  new\nquestion ") == (None, "A new question")


def test_a_typed_question_already_in_the_library_is_that_entry(db):
    existing = DiscussionTopic.objects.create(question="Who decides on the budget?")
    topic, question = SessionTopic.choose_topic(topic=None, new_question="who  DECIDES on the budget?")
    assert topic == existing
    assert question == "who DECIDES on the budget?"


# --- headcount_snapshots_add --------------------------------------------------------------------------


def test_headcount_snapshots_are_added_for_every_level_given(org_a):
    rows = headcount_snapshots_add(
        organization=org_a, as_of=DAY, levels={Level.MANAGEMENT: (2, 6, 0), Level.GOVERNING: (1, 4, 1)}, source="HR"
    )
    assert len(rows) == 2
    assert set(HeadcountSnapshot.objects.values_list("level", "women", "men", "not_stated", "source")) == {
        (Level.MANAGEMENT, 2, 6, 0, "HR"),
        (Level.GOVERNING, 1, 4, 1, "HR"),
    }


def test_a_level_already_recorded_on_the_date_refuses_every_level_of_the_call(org_a):
    HeadcountSnapshot.objects.create(organization=org_a, as_of=DAY, level=Level.GOVERNING, women=1, men=4)
    with pytest.raises(ValidationError) as error:
        headcount_snapshots_add(
            organization=org_a, as_of=DAY, levels={Level.MANAGEMENT: (2, 6, 0), Level.GOVERNING: (1, 4, 1)}
        )
    assert _messages(error) == {"as_of": ["Governing body already has a snapshot on this date."]}
    assert HeadcountSnapshot.objects.count() == 1


def test_negative_counts_are_refused_by_the_service_too(org_a):
    with pytest.raises(ValidationError):
        headcount_snapshots_add(organization=org_a, as_of=DAY, levels={Level.MANAGEMENT: (-1, 6, 0)})
    assert not HeadcountSnapshot.objects.exists()
