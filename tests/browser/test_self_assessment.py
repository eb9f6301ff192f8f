"""A partner fills their organization's gender self-assessment on a phone (375 px) in a real browser."""

import pytest

from assessments.models import Assessment
from tests.actionplans.conftest import minimal_pdf
from tests.assessments.conftest import make_questions

pytestmark = pytest.mark.browser


def test_partner_fills_and_submits_the_self_assessment_on_a_phone(sign_in, partner, org_a, live_server, tmp_path):
    make_questions(per_area=2)
    page = sign_in(partner)
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/assessments/")
    page.get_by_role("button", name="Start").click()
    assessment = Assessment.objects.get(organization=org_a)
    page.wait_for_url(f"{live_server.url}/assessments/{assessment.pk}/edit/")

    # Nothing is wider than the phone: no sideways scrolling on the questions.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.get_by_text("Your gender profile (latest headcount)").is_visible()

    questions = page.locator("fieldset.question")
    assert questions.count() == 14
    # Answer the first half, with a comment and an evidence file on the first question, and save the draft.
    evidence = tmp_path / "policy.pdf"
    evidence.write_bytes(minimal_pdf())
    first = questions.nth(0)
    first.locator("label", has_text="In place").click()
    first.get_by_label("Comment").fill("Adopted by the board in March")
    first.get_by_label("Evidence file (optional)").set_input_files(str(evidence))
    for index in range(1, 7):
        questions.nth(index).locator("label", has_text="Started").click()
    page.get_by_role("button", name="Save the draft").click()
    assert page.get_by_text("Your answers were saved.").is_visible()
    assert assessment.answers.filter(level__isnull=False).count() == 7
    answer = assessment.answers.get(comment="Adopted by the board in March")
    assert answer.level == 2 and answer.evidence_name == "policy.pdf"

    # The rest, then submit from the button at the bottom of the page.
    questions = page.locator("fieldset.question")
    for index in range(7, 14):
        questions.nth(index).locator("label", has_text="Exemplary").click()
    page.get_by_role("button", name="Save and submit").click()
    assert page.get_by_text("The assessment was submitted.").is_visible()
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED
    assert page.locator("#score-table").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
