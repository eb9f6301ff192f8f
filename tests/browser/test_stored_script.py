"""Stored scripts do not run: every text a person can type is written with script payloads, then every page of every
role is opened in the real browser (issue 17: 48 fields in 894 page loads held; this keeps it held).

Through the ORM, every CharField, TextField and URLField of the app's models that people fill in (not choices, not
keys or hashes the app sets itself) gets a `<script>`, an `<img onerror>` breaking out of an attribute, a template
tag and a spreadsheet formula; URL fields get a `javascript:` address. That covers the pages of this round too:
reporting periods and reports, notifications (their params, from which their text is filled, and the demo's
notifications made first), invitations, API tokens, self-assessments (questions, answers, suggestions) and exports
(`APPS`). Then each role opens its pages of
tests/browser/pages.py once (English; the back office by its sample, as the accessibility sweep). The test fails
when a payload runs (a flag it would set, a dialog), when its markup reaches the page as markup (an inline script, an
on* attribute, a blocked inline script reported by the Content-Security-Policy), when a `javascript:` address is
rendered as a link, or when a template tag is evaluated.
"""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import models
from django.db.models.functions import Cast, Concat

from core.roles import coordinators_group_sync
from demo.data import demo_load, demo_notify
from notifications.models import Notification
from organizations.models import User
from tests.browser.pages import ROLES, pages_by_role
from tests.browser.test_accessibility import admin_sample
from tests.conftest import PASSWORD, sign_in_page

pytestmark = [pytest.mark.browser, pytest.mark.sweep]

APPS = ["organizations", "accounts", "notifications", "sessions_log", "actionplans", "api", "assessments", "exports"]
# Text the app writes itself (keys, hashes, a URL path it built, a verified file type), not a person.
NOT_TYPED = {
    "organizations.User": {"password", "username"},
    "accounts.PasswordResetRequest": {"email_digest"},
    "notifications.Notification": {"kind", "link", "key"},
    "notifications.OutgoingMail": {"key"},
    "actionplans.Evidence": {"content_type"},
    "api.ApiRequest": {"method"},
    "assessments.Answer": {"evidence_type"},
    "exports.ExportJob": {"file_format"},
}
TEXT = (
    "=cmd|' /C calc'!A0 <script>window.__xss('script')</script>\"><img src=x onerror=window.__xss('img')>"
    "'><svg onload=window.__xss('svg')>{{ \"tplsweep\"|upper }}{% now 'Y' %} #"
)
URL = "javascript:window.__xss('href')//"

WATCH = """
window.__hits = [];
window.__xss = (where) => window.__hits.push(`ran: ${where}`);
document.addEventListener("securitypolicyviolation", (e) => window.__hits.push(
  `blocked by the CSP: ${e.violatedDirective} ${e.sourceFile}:${e.lineNumber}`));
"""
INSPECT = r"""() => {
  const found = [...window.__hits];
  for (const s of document.querySelectorAll('script:not([src])')) {
    if (!/json/.test(s.type)) found.push('inline script: ' + s.textContent.slice(0, 80));
  }
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) found.push(`${el.tagName} ${a.name}="${a.value.slice(0, 60)}"`);
    }
  }
  for (const el of document.querySelectorAll('[href], [src], [action], [formaction], [data]')) {
    for (const name of ['href', 'src', 'action', 'formaction', 'data']) {
      const value = (el.getAttribute(name) || '').replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
      if (value.startsWith('javascript:')) found.push(`${el.tagName} ${name}=${value.slice(0, 60)}`);
    }
  }
  if (document.documentElement.outerHTML.includes('TPLSWEEP')) found.push('a template tag was evaluated');
  return found;
}"""


def typed_fields():
    """{model: [text fields people fill in]} of the app's models."""
    fields = {}
    for app in APPS:
        for model in apps.get_app_config(app).get_models():
            if model.__name__.startswith("Historical"):
                continue
            skip = NOT_TYPED.get(model._meta.label, set())
            names = [
                f.name
                for f in model._meta.get_fields()
                if isinstance(f, models.CharField | models.TextField)
                and f.editable
                and not f.choices
                and f.name not in skip
            ]
            if names:
                fields[model] = names
    return fields


def payloads_write():
    """Every typed field of every row gets the payloads (each row's own copy ends with its id: unique fields stay
    unique); returns how many fields were written."""
    written = 0
    for model, names in typed_fields().items():
        values = {}
        for name in names:
            field = model._meta.get_field(name)
            text = URL if isinstance(field, models.URLField) else TEXT
            values[name] = Concat(models.Value(text), Cast("pk", models.CharField()))
        model._default_manager.update(**values)
        written += len(names)
    # A notification's text is filled from its params (a plan's title, a reviewer's comment) when it is shown.
    for notification in Notification.objects.all():
        notification.params = {
            name: f"{TEXT}{notification.pk}" if isinstance(value, str) else value
            for name, value in notification.params.items()
        }
        notification.save(update_fields=["params"])
    return written


@pytest.fixture
def poisoned(transactional_db):
    coordinators_group_sync(group_model=Group, permission_model=Permission)
    demo_load(password=PASSWORD)
    inventory = pages_by_role()  # ids first: it finds the demo's rows by their titles
    demo_notify()  # the bell and the notifications pages with something to show
    assert Notification.objects.exists()
    assert payloads_write() >= 48
    return inventory


def test_the_payloads_reach_every_typed_field(db):
    names = {f"{model._meta.label}.{name}" for model, names in typed_fields().items() for name in names}
    assert {
        "organizations.Organization.website",
        "sessions_log.Story.text",
        "actionplans.PeriodReport.achieved",
        "assessments.Question.text_en",
        "assessments.Answer.comment",
        "assessments.Suggestion.title_en",
        "exports.ExportJob.title",
    } <= names
    assert "organizations.User.password" not in names and "actionplans.ActionPlan.status" not in names


def test_no_stored_script_runs_on_any_page(poisoned, browser, live_server):
    """Each role in turn on one poisoned copy of the demo (writing it is most of what one role's walk costs)."""
    problems = {}
    for role in ROLES:
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        context.add_init_script(WATCH)
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda dialog, dialogs=dialogs: (dialogs.append(dialog.message), dialog.dismiss()))
        if role != "anonymous":
            sign_in_page(page, live_server.url, User.objects.get(username=role))
        urls = admin_sample(poisoned[role]) if role == "admin" else poisoned[role]
        assert len(urls) >= 5, role
        for url in urls:
            response = page.goto(live_server.url + url)
            found = [f"HTTP {response.status}"] if response.status >= 500 else []
            found += page.evaluate(INSPECT)
            if dialogs:
                found.append(f"dialog: {dialogs}")
                dialogs.clear()
            if found:
                problems[f"{role} {url}"] = found
        context.close()
    assert not problems, "\n".join(f"{where}: {found}" for where, found in problems.items())
