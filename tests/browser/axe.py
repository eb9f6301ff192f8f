"""axe-core in the real browser: the WCAG 2.1 A/AA violations of the page shown."""

from pathlib import Path

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
RUN_AXE = """async (preload) => (await axe.run(document, {preload, resultTypes: ['violations'], runOnly: {type: 'tag',
    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations.map(
    v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)"""
# What the one rule that reads the style sheets' text (css-orientation-lock) reads: the page's style sheets.
STYLE_SHEETS = "() => [...document.styleSheets].map(sheet => sheet.href || sheet.ownerNode.textContent)"


def style_sheets(page):
    return tuple(page.evaluate(STYLE_SHEETS))


def axe_violations(page, *, preload=True):
    """One line per rule the page breaks, with up to three of the elements that break it.

    ``preload=False`` leaves out fetching and parsing the page's style sheets for the rule that reads their text
    (css-orientation-lock, a third of axe's time on a page): for a page whose style sheets, the same ones, were
    checked on an earlier page (``style_sheets``). Every other rule runs on every call."""
    # Evaluated through the DevTools protocol, not as an inline <script>: the page's Content-Security-Policy
    # (no inline script) would block a script tag. Once per page load: a second check (another width) reuses it.
    if not page.evaluate("() => 'axe' in window"):
        page.evaluate(f"() => {{ {AXE}\n }}")
    return page.evaluate(RUN_AXE, preload)
