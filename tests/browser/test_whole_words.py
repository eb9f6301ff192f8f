"""In Russian and Kyrgyz, at 1366 and 375 px, the training form's column headers, labels and buttons and the plan
editor's wrap between words, never inside one (issue 13 §3: "Remove" and the column headers broke mid-word)."""

import pytest

from sessions_log.models import Attendance, Facilitator, Finding, SessionTopic, TrainingSession
from tests.actionplans.conftest import make_plan

pytestmark = pytest.mark.browser

# Every word of the page's headings, column headers, labels and buttons whose letters sit on more than one line.
BROKEN_WORDS = """(root = 'main') => {
  const broken = [];
  const selector = `${root} :is(h1, h2, h3, h4, label, legend, th, .formset-header > div, .btn, .badge)`;
  for (const element of document.querySelectorAll(selector)) {
    if (!element.getClientRects().length || element.closest('.visually-hidden, [hidden], template')) continue;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // A compound's own hyphen is a place to break ("Иш-/чара"), as in print; a soft hyphen too.
      for (const match of node.data.matchAll(/[^\\s\\u00ad-]{2,}/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return [...new Set(broken)];
}"""


@pytest.fixture
def training(org_a):
    session = TrainingSession.objects.create(title="Gender training", start_date="2021-11-18", end_date="2021-11-18")
    Facilitator.objects.create(session=session, name="Maria Petersson", affiliation="CentralAsianGrupperna")
    Attendance.objects.create(session=session, organization=org_a, women=3, men=1)
    from sessions_log.models import DiscussionTopic

    topic = DiscussionTopic.objects.create(question="What is gender to you?")
    SessionTopic.objects.create(session=session, topic=topic, order=1, key_points="Roles are learned.")
    Finding.objects.create(session=session, statement="Women sit in administration.", barrier="decision_making")
    return session


@pytest.mark.parametrize("language", ["ru", "ky"])
def test_no_word_breaks_in_the_training_form_and_the_plan_editor(
    sign_in, coordinator, partner, org_a, training, live_server, browser, language
):
    plan = make_plan(org_a)
    broken = {}
    for user, url in ((coordinator, f"/sessions/{training.pk}/edit/"), (partner, f"/plans/{plan.pk}/edit/")):
        page = sign_in(user)
        page.goto(f"{live_server.url}/plans/")
        page.locator(f"form.language-switcher:visible button[value='{language}']").click()
        page.wait_for_load_state()
        for width in (1366, 375):
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(live_server.url + url)
            if words := page.evaluate(BROKEN_WORDS):
                broken[f"{url} at {width}"] = words
        page.context.clear_cookies()
    assert not broken, f"words broken across lines: {broken}"


@pytest.mark.parametrize("language", ["ru", "ky"])
def test_no_word_breaks_in_the_printed_documents_on_a_phone(
    sign_in, coordinator, org_a, training, live_server, language
):
    """The A4 documents on a 375 px phone: their tables scroll sideways rather than cut the column headers."""
    from sessions_log.models import Attendance
    from tests.reporting.conftest import approved_plan

    Attendance.objects.filter(session=training).update(not_stated=2)
    plan = approved_plan(org_a, coordinator)
    page = sign_in(coordinator)
    page.goto(f"{live_server.url}/plans/")
    page.locator(f"form.language-switcher:visible button[value='{language}']").click()
    page.wait_for_load_state()
    page.set_viewport_size({"width": 375, "height": 800})
    broken = {}
    for url in (f"/sessions/{training.pk}/print/", f"/plans/{plan.pk}/print/", f"/plans/{plan.pk}/reports/1/print/"):
        page.goto(f"{live_server.url}{url}?language={language}")
        if words := page.evaluate(BROKEN_WORDS, "body"):
            broken[url] = words
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, url
    assert not broken, f"words broken across lines: {broken}"
