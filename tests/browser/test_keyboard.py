"""In a real browser, with the keyboard only (Tab, Shift+Tab, Enter, Space): the training form and the plan editor
can be filled in and saved, focus follows the order the page is read in and is always visible, and the add-row,
remove and restore buttons work and put focus where the person continues (issue 13 §2)."""

import itertools

import pytest

from actionplans.models import Action
from sessions_log.models import Facilitator, TrainingSession
from tests.actionplans.conftest import make_plan

pytestmark = pytest.mark.browser

# What a person sees of the focused element: its box (page coordinates), its focus ring, and whether anything
# (a sticky bar) covers it. Read after the transitions settle (reduced motion turns Bootstrap's off).
FOCUSED = """() => {
  const e = document.activeElement, r = e.getBoundingClientRect(), s = getComputedStyle(e);
  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
  const hit = document.elementFromPoint(x, y);
  let sticky = false;
  for (let n = e; n && n !== document.body; n = n.parentElement) {
    if (['sticky', 'fixed'].includes(getComputedStyle(n).position)) sticky = true;
  }
  return {
    tag: e.tagName, name: e.getAttribute('name') || '', text: (e.innerText || e.value || '').trim().slice(0, 40),
    top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left, right: r.right, sticky,
    ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
      || /\\d+px \\d+px \\d+px [2-9]/.test(s.boxShadow),
    onScreen: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
    covered: !(hit && (hit === e || e.contains(hit) || hit.contains(e) || (e.labels && [...e.labels].includes(hit)))),
  };
}"""


def focused(page):
    return page.evaluate(FOCUSED)


def box(element):
    return element["tag"], element["name"], element["top"], element["left"]


def tab_through(page, stop, limit=200, key="Tab"):
    """Press Tab until `stop(element)` holds; return every element focused on the way (the last one included).

    Each one must show a focus ring and be on screen, uncovered."""
    seen = []
    for _ in range(limit):
        page.keyboard.press(key)
        element = focused(page)
        if not seen or box(element) != box(seen[-1]):  # a date field takes several presses (month, day, year)
            seen.append(element)
            assert element["ring"], f"no visible focus ring on {element}"
            assert element["onScreen"] and not element["covered"], f"focused but hidden: {element}"
        if stop(element):
            return seen
    raise AssertionError(
        f"never reached the element; focus went through {[(e['tag'], e['name'], e['text']) for e in seen]}"
    )


def assert_reading_order(elements):
    """Each element is further down the page than the one before, or on the same line further right."""
    flowing = [e for e in elements if not e["sticky"]]
    for before, after in itertools.pairwise(flowing):
        if box(before) == box(after):
            continue
        same_line = after["top"] < before["bottom"] - 4 and after["bottom"] > before["top"] + 4
        assert (after["top"] >= before["bottom"] - 4 and not same_line) or (
            same_line and after["left"] >= before["right"] - 4
        ), f"focus jumps back against the reading order: {before} then {after}"


def start(page, url, width):
    page.emulate_media(reduced_motion="reduce")
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(url)
    page.wait_for_load_state("load")


@pytest.mark.parametrize("width", [1366, 375])
def test_the_training_form_works_with_the_keyboard_alone(sign_in, coordinator, live_server, width):
    page = sign_in(coordinator)
    start(page, f"{live_server.url}/sessions/new/", width)

    # The header (skip link first), then the form in the order it is read; every stop shows where focus is.
    header_and_title = tab_through(page, lambda e: e["name"] == "title")
    assert header_and_title[0]["text"] == "Skip to main content"  # shown over the header while it has focus
    assert_reading_order(header_and_title[1:])
    # The skip link itself: Enter on it, and the next Tab is in the page's own content, past the header.
    page.goto(page.url)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('main')")
    tab_through(page, lambda e: e["name"] == "title")
    page.keyboard.type("Gender mainstreaming in organizations")
    page.keyboard.press("Tab")
    page.keyboard.type("03152021")  # the native date field: month, day, year
    form_fields = tab_through(page, lambda e: e["name"] == "end_date")
    page.keyboard.type("03172021")
    form_fields += tab_through(page, lambda e: e["text"] == "+ Add a facilitator")
    assert_reading_order(form_fields)
    names = [e["name"] for e in form_fields if e["name"]]
    assert sorted(set(names), key=names.index)[:3] == ["start_date", "end_date", "format"]

    # "Add" puts focus in the new row's first field; Tab goes along the row to its "Remove".
    page.keyboard.press("Enter")
    assert focused(page)["name"] == "facilitators-0-name"
    page.keyboard.type("Expert from a partner NGO")
    row = tab_through(page, lambda e: e["text"] == "Remove")
    assert [e["name"] for e in row] == ["facilitators-0-affiliation", ""]
    # Shift+Tab goes back the same way.
    page.keyboard.press("Shift+Tab")
    assert focused(page)["name"] == "facilitators-0-affiliation"
    page.keyboard.press("Tab")

    # "Remove" (Space) hides the row and puts focus on "Restore"; Enter on it brings the row back, focus in it.
    page.keyboard.press("Space")
    assert focused(page)["text"] == "Restore"
    assert page.locator("[name='facilitators-0-name']").is_hidden()
    page.keyboard.press("Enter")
    assert focused(page)["name"] == "facilitators-0-name"
    assert page.locator("[name='facilitators-0-name']").input_value() == "Expert from a partner NGO"

    # The rest of the form in reading order (an attendance row's organization may be a select or a combobox:
    # only the order is checked), then the save button, reached after every field, saves with Enter.
    page.keyboard.press("Tab")
    rest = tab_through(page, lambda e: e["text"] == "Save training")
    assert_reading_order(rest)
    assert [e["text"] for e in rest if e["text"].startswith("+ Add")] == [
        "+ Add a facilitator",
        "+ Add an organization",
        "+ Add a topic",
        "+ Add a story",
        "+ Add a finding",
    ]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Nothing was saved yet.").count() == 0, page.locator(".invalid-feedback").all_inner_texts()
    session = TrainingSession.objects.get(title="Gender mainstreaming in organizations")
    assert str(session.start_date) == "2021-03-15"
    assert list(Facilitator.objects.filter(session=session).values_list("name", flat=True)) == [
        "Expert from a partner NGO"
    ]


@pytest.mark.parametrize("width", [1366, 375])
def test_the_plan_editor_works_with_the_keyboard_alone(sign_in, partner, org_a, live_server, width):
    plan = make_plan(org_a, actions=2)
    first, second = plan.objectives.get().actions.order_by("order")
    page = sign_in(partner)
    start(page, f"{live_server.url}/plans/{plan.pk}/edit/", width)

    to_the_first_action = tab_through(page, lambda e: e["name"].endswith("-0-title") and "actions" in e["name"])
    assert_reading_order(to_the_first_action[1:])
    # Remove the first action (Space): focus lands on its "Restore", and Tab goes on to the next action.
    to_remove = tab_through(page, lambda e: e["text"] == "Remove action")
    assert_reading_order(to_the_first_action[-1:] + to_remove)
    page.keyboard.press("Space")
    assert focused(page)["text"] == "Restore"
    page.keyboard.press("Tab")
    assert focused(page)["name"].endswith("-1-title")

    # "Add an action" (Enter) puts focus in the new action's title; Shift+Tab goes back to the button before it.
    to_add = tab_through(page, lambda e: e["text"] == "Add an action")
    assert_reading_order(to_add)
    page.keyboard.press("Enter")
    new_title = focused(page)
    assert new_title["name"].endswith("-2-title") and "actions" in new_title["name"]
    page.keyboard.type("Mentoring for women managers")
    page.keyboard.press("Shift+Tab")
    assert focused(page)["text"] == "Remove action"  # the row above's last button
    page.keyboard.press("Tab")
    assert focused(page)["name"] == new_title["name"]

    # The rest of the page in reading order; "Save" (the first of the bar's buttons) saves with Space.
    rest = tab_through(page, lambda e: e["text"] == "Save")
    assert_reading_order(rest)
    with page.expect_navigation():
        page.keyboard.press("Space")
    assert page.get_by_text("Your changes to the plan were saved.").is_visible()
    assert not Action.objects.filter(pk=first.pk).exists()
    assert set(plan.objectives.get().actions.values_list("title", flat=True)) == {
        second.title,
        "Mentoring for women managers",
    }
