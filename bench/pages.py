"""The pages the benchmark measures, per role. API lists are every URL under ``/api/`` without parameters
(schema and docs pages aside). ``BENCH_PAGES`` (comma-separated words) keeps only the pages whose label or
path contains one of them, for measuring one part while working on it.
"""

import os
from dataclasses import dataclass

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.urls import URLPattern, URLResolver, get_resolver, reverse

TRIVIAL_PATH = "/ping"


@dataclass
class Page:
    role: str
    label: str
    path: str


def session_cookie(user):
    """A signed-in session made directly (no sign-in form, so django-axes is not involved); for someone with
    an authenticator, one that passed the second factor, as after entering a code."""
    from django.conf import settings
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def _routes(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern


def api_lists():
    """Paths under /api/ that take no parameter (lists and the API root), schema and docs aside."""
    found = []
    for route, _pattern in _routes(get_resolver().url_patterns):
        if not route.startswith("api/") or "<" in route or "(" in route or "\\" in route:
            continue
        if any(word in route for word in ("schema", "docs", "swagger", "redoc")):
            continue
        found.append("/" + route)
    return sorted(set(found))


def pages_for(built, say=print):
    """Every page to measure, in the order of the table."""
    plan, big, session = built.partner_plan, built.big_plan, built.session
    pages = [
        Page("coordinator", "dashboard (home)", "/"),
        Page("coordinator", "dashboard: women in management, full table", "/dashboard/decision-making/"),
        Page("coordinator", "plans", "/plans/"),
        Page("coordinator", "plans filtered by organization", f"/plans/?organization={built.partner_organization.pk}"),
        Page("coordinator", "organization picker lookup", "/organizations/lookup/?q=a"),
        Page("coordinator", "organizations", "/organizations/"),
        Page("coordinator", "trainings", "/sessions/"),
        Page("coordinator", "topic library", "/topics/"),
        Page("coordinator", "training detail", f"/sessions/{session.pk}/"),
        Page("coordinator", "training edit", f"/sessions/{session.pk}/edit/"),
        Page("coordinator", "plan detail", f"/plans/{plan.pk}/"),
        Page("coordinator", "plan detail (100 actions)", f"/plans/{big.pk}/"),
        Page("coordinator", "plan print (100 actions)", f"/plans/{big.pk}/print/"),
        Page("coordinator", "plan PDF (100 actions)", f"/plans/{big.pk}/pdf/"),
        Page("coordinator", "period report (33 indicators, 100 actions)", f"/plans/{big.pk}/reports/1/"),
        Page("partner", "home", "/"),
        Page("partner", "plan detail", f"/plans/{plan.pk}/"),
        Page("partner", "plan editor", f"/plans/{plan.pk}/edit/"),
        Page("partner", "organization profile", f"/organizations/{built.partner_organization.pk}/"),
        Page("staff", "admin: measurements", "/admin/actionplans/measurement/"),
        Page("staff", "admin: actions", "/admin/actionplans/action/"),
        Page("staff", "admin: indicators", "/admin/actionplans/indicator/"),
        Page("staff", "admin: attendance", "/admin/sessions_log/attendance/"),
        Page("staff", "admin: organizations", "/admin/organizations/organization/"),
        Page("staff", "admin: plans", "/admin/actionplans/actionplan/"),
    ]
    pages += [
        Page("coordinator", "reporting: who has reported", reverse("actionplans:reports")),
        Page("coordinator", "reporting schedule (100 actions)", reverse("actionplans:schedule", args=[big.pk])),
        Page("coordinator", "notifications", reverse("notifications:list")),
        Page("partner", "notifications", reverse("notifications:list")),
        Page("partner", "notification settings", reverse("notifications:settings")),
        Page("coordinator", "my exports", reverse("exports:list")),
        Page("coordinator", "organization members", reverse("accounts:members", args=[built.partner_organization.pk])),
        Page("partner", "self-assessments", reverse("assessments:list")),
        Page("coordinator", "self-assessment questionnaire", reverse("assessments:questions")),
    ]
    reporting = built.partner_report_plan
    if reporting is None:
        say("skipped: the partner's period report (the dataset gave the partner no reporting plan)")
    else:
        # The last quarter of 2026: open by the calendar of this run, a draft or not started in the dataset.
        last = reporting.reporting_periods.order_by("-number").values_list("number", flat=True).first()
        pages += [
            Page("partner", "period report, reading", reverse("actionplans:report", args=[reporting.pk, last])),
            Page("partner", "period report, writing", reverse("actionplans:report_edit", args=[reporting.pk, last])),
        ]
    lists = api_lists()
    if not lists:
        say("skipped (not there yet): API lists — no URL under /api/")
    pages.extend(Page("coordinator", f"API {path}", path) for path in lists)
    words = [word.strip() for word in os.environ.get("BENCH_PAGES", "").split(",") if word.strip()]
    if words:
        pages = [page for page in pages if any(word in page.label or word in page.path for word in words)]
    return pages
