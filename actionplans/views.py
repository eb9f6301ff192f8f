from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from actionplans.models import ActionPlan


@login_required
def plan_list(request):
    plans = ActionPlan.objects.for_user(request.user).select_related("organization")
    return render(request, "actionplans/plan_list.html", {"plans": plans})


@login_required
def plan_detail(request, pk):
    plan = get_object_or_404(ActionPlan.objects.for_user(request.user).select_related("organization"), pk=pk)
    return render(request, "actionplans/plan_detail.html", {"plan": plan})


def partner_home(request):
    """A partner's front page: their organizations' plans."""
    plans = ActionPlan.objects.for_user(request.user).select_related("organization").order_by("-updated_at")
    return render(request, "actionplans/partner_home.html", {"plans": plans})
