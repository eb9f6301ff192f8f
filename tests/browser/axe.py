"""axe-core in the real browser: the WCAG 2.1 A/AA violations of the page shown."""

from pathlib import Path

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
RUN_AXE = """async () => (await axe.run(document, {resultTypes: ['violations'], runOnly: {type: 'tag',
    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations.map(
    v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)"""


def axe_violations(page):
    """One line per rule the page breaks, with up to three of the elements that break it."""
    page.add_script_tag(content=AXE)
    return page.evaluate(RUN_AXE)
