from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from actionplans.models import ActionPlan
from actionplans.selectors import needs_for_coordinator
from assessments.charts import distribution_chart
from core.db import read_from_replica
from core.roles import coordinator_required, is_coordinator
from dashboard import charts
from dashboard.selectors import can_read_dashboard
from dashboard.services import dashboard_figures_cached, dashboard_page_cached, dashboard_page_html, dashboard_stamp
from sessions_log.models import TrainingSession

EARLIEST_YEAR = 2000


def chosen_year(value, *, today):
    """The year asked for in ``?year=``: a year, None for "all", or this year when absent or unreadable."""
    if value == "all":
        return None
    try:
        year = int(value)
    except (TypeError, ValueError):
        return today.year
    return year if EARLIEST_YEAR <= year <= today.year + 10 else today.year


def _render_dashboard(request, *, read_only):
    today = timezone.localdate()
    year = chosen_year(request.GET.get("year"), today=today)
    # Everything under the page header is drawn once per dashboard stamp, reader kind, year, day and language: the
    # stamp is renewed by every row the page shows (dashboard.apps), the lists of what needs doing included.
    body = dashboard_page_html(
        reader=_reader_kind(request.user),
        read_only=read_only,
        year=year,
        today=today,
        draw=lambda: render_to_string(
            "dashboard/_page.html", _page_context(request, read_only=read_only, year=year, today=today), request
        ),
    )
    return render(request, "dashboard/dashboard.html", {"body": body})


def _reader_kind(user):
    """Who sees the same page: superusers (coordinators' invitations among what needs doing), coordinators, staff."""
    if user.is_superuser:
        return "superuser"
    return "coordinator" if is_coordinator(user) else "staff"


def _page_context(request, *, read_only, year, today):
    # The figures are aggregates over every row: the read replica's work when there is one (core/db.py). The cache's
    # stamp is read there too: it changes in the same transaction as the rows it counts, so the replica never pairs
    # a new stamp with older rows. The lists of what needs doing below read the primary, so a plan just approved is
    # not still shown as waiting.
    with read_from_replica():
        figures, assessment_areas = dashboard_page_cached(fetched_by=request.user, year=year, today=today)
    years = sorted({*figures.years, today.year} | ({year} if year else set()), reverse=True)
    context = {
        "figures": figures,
        "year": year,
        "year_choices": years,
        "read_only": read_only,
        **charts.dashboard_drawings(figures),
    }
    context["assessment_areas"] = assessment_areas
    context["assessment_chart"] = distribution_chart(assessment_areas)
    if not read_only:
        plans = ActionPlan.objects.for_user(request.user).select_related("organization")
        context["sessions"] = TrainingSession.objects.for_user(request.user).order_by("-start_date")[:5]
        context["to_review"] = plans.filter(status=ActionPlan.Status.SUBMITTED).order_by("updated_at")[:8]
        context["to_review_count"] = figures.plans[ActionPlan.Status.SUBMITTED][1]
        context["plans"] = plans.order_by("-updated_at")[:5]
        context["needs"] = needs_for_coordinator(
            user=request.user, reviews=context["to_review"], reviews_count=context["to_review_count"], today=today
        )
    return context


@coordinator_required
def coordinator_home(request):
    """The coordinator's front page: the programme's figures and charts, with links to what needs doing."""
    return _render_dashboard(request, read_only=False)


@login_required
def dashboard(request):
    """The same figures, read-only, for coordinators and back-office staff; anyone else gets a 404."""
    if not can_read_dashboard(user=request.user):
        raise Http404
    return _render_dashboard(request, read_only=True)


DECISION_ROWS_PER_PAGE = 50


@login_required
def decision_making(request):
    """The full table under the dashboard's women-in-management chart (which shows the first organizations only)."""
    if not can_read_dashboard(user=request.user):
        raise Http404
    today = timezone.localdate()
    stamp = dashboard_stamp()

    # This year's figures: the dashboard's default view, so usually already cached (the table is the same any year).
    # Read only when the template draws the table: once per stamp, kind of reader, page and language (its cache tag).
    def table_page():
        figures = dashboard_figures_cached(fetched_by=request.user, year=today.year, today=today, token=stamp)
        return Paginator(figures.decision_making, DECISION_ROWS_PER_PAGE).get_page(request.GET.get("page"))

    page = SimpleLazyObject(table_page)
    context = {
        "page": page,
        "rows": SimpleLazyObject(lambda: page.object_list),
        "stamp": stamp,
        "reader": "coordinator" if is_coordinator(request.user) else "staff",
    }
    context["back"] = reverse("home") if context["reader"] == "coordinator" else reverse("dashboard:index")
    return render(request, "dashboard/decision_making.html", context)
