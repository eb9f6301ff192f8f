"""Content-Security-Policy violations as the browser reports them (`securitypolicyviolation`), from the first byte
of every page: install ``LISTEN`` with ``add_init_script``, read ``csp_violations(page)`` once the page has loaded."""

LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


def csp_violations(page):
    return page.evaluate("window.__csp || []")
