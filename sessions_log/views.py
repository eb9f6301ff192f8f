from django.shortcuts import get_object_or_404, render

from organizations.roles import coordinator_required
from sessions_log.models import DiscussionTopic, TrainingSession


@coordinator_required
def session_list(request):
    sessions = TrainingSession.objects.for_user(request.user)
    return render(request, "sessions_log/session_list.html", {"sessions": sessions})


@coordinator_required
def session_detail(request, pk):
    session = get_object_or_404(TrainingSession.objects.for_user(request.user), pk=pk)
    return render(request, "sessions_log/session_detail.html", {"session": session})


@coordinator_required
def topic_list(request):
    topics = DiscussionTopic.objects.for_user(request.user)
    return render(request, "sessions_log/topic_list.html", {"topics": topics})
