from django.shortcuts import render

from actionplans.models import ActionPlan
from sessions_log.models import TrainingSession


def coordinator_home(request):
    """The coordinator's front page: recent trainings and plans."""
    sessions = TrainingSession.objects.for_user(request.user).order_by("-start_date")[:5]
    plans = ActionPlan.objects.for_user(request.user).select_related("organization").order_by("-updated_at")[:10]
    return render(request, "dashboard/coordinator_home.html", {"sessions": sessions, "plans": plans})
