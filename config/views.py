from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from actionplans.views import partner_home
from assessments.reassessment import reassessments_due
from core.roles import is_coordinator, reads_dashboard
from dashboard.views import coordinator_home
from organizations.models import Membership


@login_required
def home(request):
    """One address for everyone: the dashboard for coordinators, their own plans for partners.

    Back-office staff with the dashboard permission and no organization of their own get the read-only
    dashboard, not an empty plan list.
    """
    if is_coordinator(request.user):
        return coordinator_home(request)
    if reads_dashboard(request.user) and not Membership.objects.filter(user=request.user).exists():
        return redirect("dashboard:index")
    # The yearly self-assessment due again joins "What needs me" from here: actionplans sits below assessments.
    return partner_home(request, more_needs=reassessments_due(today=timezone.localdate(), editor=request.user))


@never_cache
@require_GET
def healthz(request):
    """200 when the app and its database answer; 503 otherwise, for the load balancer and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
def ping(request):
    """A constant answer without the database: the baseline the benchmark (`make bench`) compares pages with."""
    return HttpResponse("pong", content_type="text/plain")
