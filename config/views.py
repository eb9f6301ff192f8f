from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from actionplans.models import ActionPlan
from organizations.roles import is_coordinator
from sessions_log.models import TrainingSession


@login_required
def home(request):
    plans = ActionPlan.objects.for_user(request.user).select_related("organization").order_by("-updated_at")
    if is_coordinator(request.user):
        sessions = TrainingSession.objects.for_user(request.user).order_by("-start_date")[:5]
        return render(request, "home_coordinator.html", {"sessions": sessions, "plans": plans[:10]})
    return render(request, "home_partner.html", {"plans": plans})


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
