from django.contrib import messages
from django.db import IntegrityError
from django.db.models import Count, ProtectedError, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.kept import kept_page
from core.language import document_language
from core.lookups import lookup_response
from core.paging import annotated_page
from core.pdf import document_page, pdf_once
from core.prepared import KEY, PreparedForReader
from core.roles import coordinator_required
from organizations.models import Organization
from organizations.selectors import directory_stamp
from sessions_log import selectors, services
from sessions_log.filters import TrainingSessionFilter
from sessions_log.forms import (
    AttendanceFormSet,
    DiscussionTopicForm,
    FacilitatorFormSet,
    FindingFormSet,
    SessionTopicFormSet,
    StoryFormSet,
    TrainingSessionForm,
)
from sessions_log.models import DiscussionTopic, TrainingSession

PAGE_SIZE = 25


def _sum(field):
    return Coalesce(Sum(f"attendances__{field}"), Value(0))


@coordinator_required
def session_list(request):
    sessions = TrainingSession.objects.for_user(request.user).order_by("-start_date", "-pk")
    # The filters (their years read from the trainings) and the page are made only when the template draws them:
    # once per directory stamp, query string (filters, search, page) and language (its cache tag). Coordinators
    # all see every training, so the reader is not in the key.
    session_filter = SimpleLazyObject(
        lambda: TrainingSessionFilter(request.GET or None, queryset=sessions, user=request.user)
    )
    page = SimpleLazyObject(
        lambda: annotated_page(
            session_filter.qs,
            number=request.GET.get("page"),
            per_page=PAGE_SIZE,
            annotate=lambda rows: rows.annotate(
                organization_count=Count("attendances"),
                women=_sum("women"),
                men=_sum("men"),
                not_stated=_sum("not_stated"),
            ),
        )
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": session_filter, "page": page, "query": query.urlencode(), "stamp": directory_stamp()}
    return render(request, "sessions_log/session_list.html", context)


@coordinator_required
def session_lookup(request):
    """Trainings whose title matches ``?q=`` for the training pickers, newest first (JSON)."""
    sessions = TrainingSession.objects.for_user(request.user).only("pk", "title", "start_date")
    return lookup_response(request, sessions.order_by("-start_date", "-pk"), search_fields=("title",))


@coordinator_required
def topic_lookup(request):
    """Active questions of the library matching ``?q=`` (question or theme) for the topic rows' picker (JSON)."""
    topics = DiscussionTopic.objects.for_user(request.user).filter(is_active=True).only("pk", "question", "theme")
    return lookup_response(request, topics, search_fields=("question", "theme"), label=lambda topic: topic.question)


# The training a page is about, read on every visit: written by the ORM once per process (core.prepared).
_SESSION = PreparedForReader(
    lambda reader, pk: TrainingSession.objects.for_user(reader).select_related("host_organization").filter(pk=pk),
    KEY,
)


@coordinator_required
def session_detail(request, pk):
    session = _SESSION.get_or_404(request.user, pk)
    attendances = SimpleLazyObject(lambda: list(session.attendances.select_related("organization")))
    # The plans through their own door, by the reverse relation: sessions_log does not import actionplans.
    plans = SimpleLazyObject(lambda: list(session.action_plans.for_user(request.user).select_related("organization")))

    def plans_to_launch():
        launched = {plan.organization_id for plan in plans}
        return sum(1 for attendance in attendances if attendance.organization_id not in launched)

    # The rows are read (their queries even built) only when the template draws them: once per directory stamp,
    # training and language (its cache tag); the page is for coordinators only, who all see every row, stories too.
    context = {
        "session": session,
        "stamp": directory_stamp(),
        "facilitators": SimpleLazyObject(lambda: list(session.facilitators.all())),
        "session_topics": SimpleLazyObject(lambda: list(session.session_topics.select_related("topic"))),
        "stories": SimpleLazyObject(lambda: list(session.stories.all())),
        "attendances": attendances,
        "summary": SimpleLazyObject(lambda: selectors.attendance_summary(attendances=attendances)),
        "findings": SimpleLazyObject(lambda: selectors.findings_by_barrier(findings=session.findings.all())),
        "plans": plans,
        "plans_to_launch": SimpleLazyObject(plans_to_launch),
    }
    return render(request, "sessions_log/session_detail.html", context)


def _formsets(request, session):
    """The session page's formsets, bound to the POST when there is one."""
    data = request.POST if request.method == "POST" else None
    organizations = Organization.objects.for_user(request.user).only("pk", "name")
    topics = DiscussionTopic.objects.for_user(request.user)
    topics = (
        topics.filter(Q(is_active=True) | Q(session_topics__session=session))
        if session.pk
        else topics.filter(is_active=True)
    )
    return {
        "facilitators": FacilitatorFormSet(data, instance=session, prefix="facilitators"),
        "attendances": AttendanceFormSet(data, instance=session, prefix="attendances", organizations=organizations),
        "session_topics": SessionTopicFormSet(data, instance=session, prefix="topics", topics=topics.distinct()),
        "stories": StoryFormSet(data, instance=session, prefix="stories"),
        "findings": FindingFormSet(data, instance=session, prefix="findings"),
    }


def _session_form_page(request, session):
    if request.method == "POST":
        # A repeated POST of a page that was saved (a double click) is answered before validation, which would
        # otherwise complain about what the first POST created (its new organizations, say).
        earlier = selectors.training_session_saved_with(token=request.POST.get("form_token"))
        if earlier:
            messages.info(request, _("This page was already saved; nothing was saved twice."))
            return redirect(earlier)
    organizations = Organization.objects.for_user(request.user)
    form = TrainingSessionForm(request.POST or None, instance=session, organizations=organizations)
    if request.method != "POST":
        # The rows (some 600 widgets) are made only when the template draws them: once per directory stamp, training
        # and language (its cache tag); the form itself gives the page's one-time token, drawn on each visit.
        context = {"form": form, "formsets": SimpleLazyObject(lambda: _formsets(request, session)), "session": session}
        return render(request, "sessions_log/session_form.html", {**context, "blank": True, "stamp": directory_stamp()})
    formsets = _formsets(request, session)
    # Every part is validated (no short-circuit), so all errors show at once.
    valid = [form.is_valid()] + [formset.is_valid() for formset in formsets.values()]
    duplicates = []
    if all(valid) and session.pk is None and "confirm_duplicate" not in request.POST:
        duplicates = _duplicates_of(request, form, formsets)
    if all(valid) and not duplicates:
        is_new = session.pk is None
        try:
            session = services.training_session_save(form=form, formsets=formsets, by=request.user)
        except services.AlreadySaved as already:
            messages.info(request, _("This page was already saved; nothing was saved twice."))
            return redirect(already.session)
        except IntegrityError:
            # Only a race with another save gets here (validation checks the same rules first).
            if is_new:
                session.pk = None  # the rolled-back insert left its id behind
            form.add_error(None, _("Someone saved a clashing change at the same moment. Nothing was saved."))
        else:
            messages.success(request, _("The training “%(title)s” was saved.") % {"title": session.title})
            return redirect(session)
    context = {
        "form": form,
        "formsets": formsets,
        "session": session,
        "has_errors": not duplicates,
        "duplicates": duplicates,
        "unsaved": True,
    }
    return render(request, "sessions_log/session_form.html", context)


def _duplicates_of(request, form, formsets):
    """Trainings already recorded that this new one seems to repeat (asked about before saving)."""
    organization_ids = [
        row.cleaned_data["organization"].pk
        for row in formsets["attendances"].live_forms()
        if row.cleaned_data.get("organization")
    ]
    return selectors.training_session_duplicates(
        user=request.user,
        title=form.cleaned_data.get("title"),
        start_date=form.cleaned_data.get("start_date"),
        organization_ids=organization_ids,
    )


@coordinator_required
def session_create(request):
    return _session_form_page(request, TrainingSession())


@coordinator_required
@kept_page(selectors.TRAINING_PAGES_STAMP)
def session_edit(request, pk):
    session = get_object_or_404(TrainingSession.objects.for_user(request.user), pk=pk)
    return _session_form_page(request, session)


@coordinator_required
def topic_list(request):
    topics_shown = DiscussionTopic.objects.for_user(request.user).annotate(
        session_count=Count("session_topics__session", distinct=True)
    )
    show = request.GET.get("show", "active")
    if show == "active":
        topics_shown = topics_shown.filter(is_active=True)
    elif show == "inactive":
        topics_shown = topics_shown.filter(is_active=False)
    # Questions without a theme come last, under their own heading. Read only when the template draws them: once
    # per topics stamp, choice of questions shown and language (its cache tag).
    topics = SimpleLazyObject(
        lambda: sorted(
            topics_shown, key=lambda topic: (topic.theme == "", topic.theme.casefold(), topic.question.casefold())
        )
    )
    context = {"topics": topics, "show": show, "stamp": selectors.topics_stamp()}
    return render(request, "sessions_log/topic_list.html", context)


def _topic_form_page(request, topic):
    themes = DiscussionTopic.objects.for_user(request.user).exclude(theme="").values_list("theme", flat=True)
    form = DiscussionTopicForm(request.POST or None, instance=topic)
    if request.method == "POST" and form.is_valid():
        topic = form.save()
        messages.success(request, _("The question “%(question)s” was saved.") % {"question": topic.question})
        return redirect("sessions_log:topics")
    used = bool(topic.pk) and topic.session_topics.exists()
    context = {"form": form, "topic": topic, "themes": sorted(set(themes)), "used": used}
    return render(request, "sessions_log/topic_form.html", context)


@coordinator_required
def topic_create(request):
    return _topic_form_page(request, DiscussionTopic())


@coordinator_required
def topic_edit(request, pk):
    return _topic_form_page(request, get_object_or_404(DiscussionTopic.objects.for_user(request.user), pk=pk))


@require_POST
@coordinator_required
def topic_toggle(request, pk):
    topic = get_object_or_404(DiscussionTopic.objects.for_user(request.user), pk=pk)
    topic.is_active = not topic.is_active
    topic.save(update_fields=["is_active"])
    if topic.is_active:
        messages.success(request, _("“%(question)s” is active again.") % {"question": topic.question})
    else:
        messages.success(
            request, _("“%(question)s” is deactivated: new sessions no longer offer it.") % {"question": topic.question}
        )
    return redirect("sessions_log:topics")


@require_POST
@coordinator_required
def topic_delete(request, pk):
    topic = get_object_or_404(DiscussionTopic.objects.for_user(request.user), pk=pk)
    try:
        topic.delete()
    except ProtectedError:
        messages.error(request, _("A question used by a training is never deleted; deactivate it instead."))
    else:
        messages.success(request, _("“%(question)s” was deleted.") % {"question": topic.question})
    return redirect("sessions_log:topics")


DOCUMENT_TEMPLATE = "sessions_log/session_print.html"


def _document_context(request, session, *, for_pdf):
    include_stories = request.GET.get("stories") == "1"
    with translation.override(document_language(request)):
        return {
            **selectors.training_document(session=session, user=request.user, include_stories=include_stories),
            "for_pdf": for_pdf,
            "query": request.GET.urlencode(),
        }


@coordinator_required
def session_print(request, pk):
    """The training report as an A4 document (stories only when asked for, under their pseudonyms)."""
    session = get_object_or_404(TrainingSession.objects.for_user(request.user), pk=pk)
    return document_page(
        DOCUMENT_TEMPLATE,
        _document_context(request, session, for_pdf=False),
        request=request,
        language=document_language(request),
    )


@coordinator_required
def session_pdf(request, pk):
    session = get_object_or_404(TrainingSession.objects.for_user(request.user), pk=pk)
    stories = "stories" if request.GET.get("stories") == "1" else "no-stories"
    pdf = pdf_once(
        folder=f"trainings/{session.pk}/{stories}",
        version=f"{session.updated_at:%Y%m%d%H%M%S%f}",
        language=document_language(request),
        template=DOCUMENT_TEMPLATE,
        context=_document_context(request, session, for_pdf=True),
        request=request,
    )
    name = slugify(f"{session.start_date:%Y-%m-%d} {session.title}", allow_unicode=True)[:80] or "training"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.pdf")
    return response
