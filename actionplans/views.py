import functools
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from actionplans import services
from actionplans.filters import PlanFilter
from actionplans.forms import (
    ActionStatusForm,
    MeasurementForm,
    PlanEditor,
    ProgressUpdateForm,
    RestoreForm,
    ReviewForm,
)
from actionplans.forms_reporting import ScheduleForm
from actionplans.history import plan_history
from actionplans.models import (
    Action,
    ActionPlan,
    ContentArea,
    Evidence,
    Indicator,
    Measurement,
    PlanWorkflowError,
    ProgressUpdate,
    StalePlanError,
)
from actionplans.reporting import plan_approve
from actionplans.selectors import (
    PLAN_PAGES_STAMP,
    indicator_series_attach,
    memberships_key,
    needs_for_partner,
    period_to_report,
    periods_for_partner,
    plan_for_editor,
    plan_for_page,
    plan_head,
    plan_return_comment,
    plan_rows_attach,
    plans_for_home,
    plans_launch_preview,
    reporting_stamp,
)
from actionplans.services import (
    AlreadyRecorded,
    action_status_record,
    measurement_record,
    plan_save_edits,
    plans_launch_from_session,
    progress_update_record,
    recorded_with,
)
from core.kept import kept_page
from core.language import document_language
from core.paging import annotated_page
from core.pdf import document_page, pdf_once
from core.roles import coordinator_required, is_coordinator
from organizations.selectors import latest_headcounts
from sessions_log.models import TrainingSession

PLANS_PER_PAGE = 50


def partner_home(request, *, more_needs=()):
    """A partner's front page: their organizations' plans with progress (called by config.views.home).

    ``more_needs`` are items of "What needs me" from apps above this one (the caller composes them); each has a
    ``template`` that renders it as ``item``, so this app never names them.
    """
    today = timezone.localdate()
    periods = functools.cache(lambda: periods_for_partner(user=request.user, today=today))
    context = {
        # Read only when drawn: a page from the cache reads none of them (partner_home.html).
        "plans": functools.cache(lambda: plans_for_home(user=request.user)),
        "needs": functools.cache(lambda: needs_for_partner(user=request.user, today=today, periods=periods())),
        "more_needs": list(more_needs),
        "periods": periods,
        "next_due": functools.cache(lambda: periods()[0] if periods() else None),
        # Drawn once per reporting stamp, the person's organizations and roles, day and language.
        "stamp": reporting_stamp(),
        "scope": memberships_key(user=request.user),
        "today": today,
    }
    return render(request, "actionplans/partner_home.html", context)


@dataclass
class PlanListing:
    """What the plans list shows below its heading, built when the page draws it (not on a page from the cache)."""

    filter: PlanFilter
    page: object
    plans: list
    query: str
    queue_count: int


def _plan_listing(request, *, coordinator):
    plans = (
        ActionPlan.objects.for_user(request.user)
        .select_related("organization", "source_session")
        .annotate(
            queue=Case(
                When(status=ActionPlan.Status.SUBMITTED, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("queue", "organization__name", "-period_start", "pk")  # pk: pages never repeat or skip a row
    )
    plan_filter = PlanFilter(request.GET or None, queryset=plans, request=request)
    page = annotated_page(
        plan_filter.qs,
        number=request.GET.get("page"),
        per_page=PLANS_PER_PAGE,
        annotate=lambda rows: rows.with_progress(),
    )
    query = request.GET.copy()
    query.pop("page", None)
    queue_count = (
        ActionPlan.objects.for_user(request.user).filter(status=ActionPlan.Status.SUBMITTED).count()
        if coordinator
        else 0
    )
    return PlanListing(plan_filter, page, page.object_list, query.urlencode(), queue_count)


@login_required
def plan_list(request):
    """All plans for coordinators (review queue first), the user's own plans for partners.

    Drawn once per reporting stamp, set of plans the reader sees (every plan, or their organizations'), query string,
    day (overdue counts) and language (plan_list.html); the rows are read only when it is drawn.
    """
    coordinator = is_coordinator(request.user)
    context = {
        "listing": functools.cache(lambda: _plan_listing(request, coordinator=coordinator)),
        "stamp": reporting_stamp(),
        "scope": "all" if coordinator else memberships_key(user=request.user),
        "query_key": urlencode(sorted(request.GET.lists()), doseq=True),
        "today": timezone.localdate(),
    }
    return render(request, "actionplans/plan_list.html", context)


def _group_by_area(objectives):
    """Objectives in the order of the content areas, as [(area label, [objectives])]."""
    labels = dict(ContentArea.choices)
    groups = {}
    for objective in objectives:
        groups.setdefault(objective.content_area, []).append(objective)
    return [(labels.get(area, area), groups[area]) for area in ContentArea.values if area in groups]


@dataclass
class PlanContent:
    """What the plan page shows below its buttons, read when the page draws it (not on a page from the cache)."""

    areas: list
    progress_updates: list
    review_comments: list
    history: list


def _plan_content(plan, periods):
    plan_rows_attach(plan)
    indicator_series_attach(plan=plan, periods=periods)
    return PlanContent(
        areas=_group_by_area(plan.objectives.all()),
        progress_updates=list(plan.progress_updates.all()),
        review_comments=list(plan.review_comments.all()),
        history=plan_history(plan, periods=periods),
    )


@login_required
@kept_page(PLAN_PAGES_STAMP)
def plan_detail(request, pk):
    """The plan page: header and buttons per request, the rest from the cache (see plan_detail.html)."""
    plan = plan_head(user=request.user, pk=pk)
    can_edit, can_review = plan.user_edits, is_coordinator(request.user)
    # Read only when drawn: a reader who gets the body from the cache and has no report to write reads neither.
    periods = functools.cache(lambda: list(plan.reporting_periods.select_related("report")))
    report_period = functools.cache(lambda: period_to_report(periods=periods()) if plan.accepts_progress else None)
    context = {
        "plan": plan,
        "can_edit": can_edit,
        "can_review": can_review,
        "today": timezone.localdate(),
        "action_statuses": Action.Status.choices,
        "periods": periods,
        "report_period": report_period,
        # Each action's status is set on the page only for a plan that does not report by period.
        "status_forms": can_edit and plan.accepts_progress and not periods(),
        "content": functools.cache(lambda: _plan_content(plan, periods())),
        # The body is drawn once per stamp, plan, kind of reader (its buttons and words), day and language.
        "stamp": reporting_stamp(),
        "reader": f"{'edit' if can_edit else 'read'}-{'review' if can_review else 'partner'}",
    }
    return render(request, "actionplans/plan_detail.html", context)


@login_required
@kept_page(PLAN_PAGES_STAMP)
def plan_edit(request, pk):
    plan = plan_for_editor(user=request.user, pk=pk)
    if not plan.is_editable:
        messages.error(
            request,
            _("This plan is %(status)s: it cannot be edited now.") % {"status": plan.get_status_display().lower()},
        )
        return redirect(plan)
    if request.method != "POST":
        # Blank: built only when the page draws it, which a page from the cache does not (plan_edit.html).
        editor = functools.cache(lambda: PlanEditor(plan))
        return render(request, "actionplans/plan_edit.html", _editor_context(plan, editor, posted=False))
    if request.POST.get("plan-version") != str(plan.version):
        # Checked before the rows are read: rows someone else removed meanwhile are not an attack.
        return _edit_conflict(request, plan)
    editor = PlanEditor(plan, request.POST)
    if editor.is_valid():
        try:
            plan_save_edits(editor=editor, by=request.user, baseline_from=request.POST.get("baseline_from"))
        except StalePlanError:
            return _edit_conflict(request, plan)
        except ValidationError:
            pass  # the error is on the indicator row; the form is shown again below
        else:
            messages.success(request, _("Your changes to the plan were saved."))
            if "close" in request.POST:
                return redirect(plan)
            anchor = editor.anchor_after_save(request.POST.get("return_to"))
            return redirect(reverse("actionplans:edit", args=[plan.pk]) + (f"#{anchor}" if anchor else ""))
    return render(request, "actionplans/plan_edit.html", _editor_context(plan, editor, posted=True))


def _editor_context(plan, editor, *, posted):
    """A blank editor's fields come from the cache under the reporting stamp and the plan's version
    (plan_edit.html); what was posted back is drawn each time."""
    return {
        "plan": plan,
        "editor": editor,
        "editor_is_blank": not posted,
        "stamp": None if posted else reporting_stamp(),
        "headcounts": latest_headcounts(organization=plan.organization),
        "return_comment": plan_return_comment(plan=plan),
    }


def _edit_conflict(request, plan):
    """The plan moved on since the editor was opened: nothing is written; show what they typed and a reload link."""
    editor = PlanEditor(plan, request.POST)
    context = {
        "plan": plan,
        "editor": editor,
        "headcounts": latest_headcounts(organization=plan.organization),
        "conflict": StalePlanError.message,
    }
    return render(request, "actionplans/plan_edit.html", context, status=409)


def _workflow_step(request, plan, step, success, **kwargs):
    """Run a workflow step (a service taking plan= and by=) and say how it went."""
    try:
        step(plan=plan, by=request.user, **kwargs)
    except PlanWorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect(plan)


@require_POST
@login_required
def plan_submit(request, pk):
    plan = plan_for_editor(user=request.user, pk=pk)
    return _workflow_step(
        request,
        plan,
        services.plan_submit,
        _("The plan was submitted for review. You will hear back from the coordinator."),
    )


@coordinator_required
def plan_review(request, pk):
    plan = plan_for_page(user=request.user, pk=pk)
    if plan.status != ActionPlan.Status.SUBMITTED:
        messages.error(request, _("Only a plan submitted for review can be approved or returned."))
        return redirect(plan)
    form = ReviewForm(request.POST or None)
    # Without schedule fields (an older form, a script) approval lays out the default half-yearly schedule.
    posted_schedule = any(key.startswith("schedule-") for key in request.POST)
    schedule_form = ScheduleForm(request.POST if posted_schedule else None, prefix="schedule")
    if request.method == "POST" and form.is_valid():
        comment = form.cleaned_data["comment"]
        if form.cleaned_data["decision"] == ReviewForm.APPROVE:
            # Approving lays out the reporting periods from the schedule chosen here (half-yearly by default).
            if not posted_schedule or schedule_form.is_valid():
                schedule = schedule_form.cleaned_data if posted_schedule else {}
                try:
                    plan_approve(plan=plan, by=request.user, comment=comment, **schedule)
                except ValidationError as error:
                    for field, errors in error.message_dict.items():
                        schedule_form.add_error(field if field in schedule_form.fields else None, errors)
                except PlanWorkflowError as error:
                    messages.error(request, str(error))
                    return redirect(plan)
                else:
                    messages.success(request, _("The plan was approved and its reporting periods laid out."))
                    return redirect(plan)
        else:
            return _workflow_step(
                request, plan, services.plan_return, _("The plan was returned to the organization."), comment=comment
            )
    context = {"plan": plan, "form": form, "schedule_form": schedule_form}
    return render(request, "actionplans/plan_review.html", context)


def _confirm_step(request, pk, *, step, success, heading, explanation, button, allowed, form=None):
    """A workflow step that asks first: GET shows what will happen, POST does it (coordinators only)."""
    plan = get_object_or_404(ActionPlan.objects.for_user(request.user).select_related("organization"), pk=pk)
    if plan.status not in allowed:
        messages.error(
            request,
            _("This plan is %(status)s; that step is not possible now.")
            % {"status": plan.get_status_display().lower()},
        )
        return redirect(plan)
    if request.method == "POST" and (form is None or form.is_valid()):
        kwargs = {"reason": form.cleaned_data["reason"]} if form is not None else {}
        return _workflow_step(
            request, plan, lambda plan, by, **extra: getattr(plan, step)(by=by, **extra), success, **kwargs
        )
    context = {"plan": plan, "heading": heading, "explanation": explanation, "button": button, "form": form}
    return render(request, "actionplans/plan_confirm.html", context)


@coordinator_required
def plan_complete(request, pk):
    return _confirm_step(
        request,
        pk,
        step="complete",
        success=_("The plan was marked completed."),
        heading=_("Mark the plan completed?"),
        explanation=_(
            "A completed plan is closed: no more measurements or progress updates are recorded. "
            "A coordinator can restore it to approved later, giving the reason."
        ),
        button=_("Mark completed"),
        allowed=[ActionPlan.Status.APPROVED],
    )


@coordinator_required
def plan_archive(request, pk):
    return _confirm_step(
        request,
        pk,
        step="archive",
        success=_("The plan was archived."),
        heading=_("Archive the plan?"),
        explanation=_(
            "An archived plan stays readable but nobody can change it or report on it. "
            "A coordinator can restore it to its previous status later, giving the reason."
        ),
        button=_("Archive the plan"),
        allowed=ActionPlan.ARCHIVABLE_STATUSES,
    )


@coordinator_required
def plan_restore(request, pk):
    return _confirm_step(
        request,
        pk,
        step="restore",
        success=_("The plan was restored to its previous status."),
        heading=_("Restore the plan?"),
        explanation=_("The plan goes back to the status it had before it was archived or completed."),
        button=_("Restore the plan"),
        allowed=ActionPlan.RESTORABLE_STATUSES,
        form=RestoreForm(request.POST or None),
    )


def _plan_accepting_progress(request, pk):
    plan = plan_for_editor(user=request.user, pk=pk)
    if not plan.accepts_progress:
        messages.error(request, _("Progress is recorded once the plan is approved."))
        return plan, redirect(plan)
    periods = list(plan.reporting_periods.select_related("report"))
    if periods:
        # A plan that reports by period records values, statuses and progress in its period report only.
        period = period_to_report(periods=periods)
        if period is None:
            messages.info(request, _("No reporting period is open now: see the plan's reporting periods."))
            return plan, redirect(f"{plan.get_absolute_url()}#reporting")
        messages.info(request, _("Progress is recorded in the report for the current period."))
        return plan, redirect("actionplans:report_edit", plan.pk, period.number)
    return plan, None


@require_POST
@login_required
def action_status(request, pk, action_pk):
    plan, refused = _plan_accepting_progress(request, pk)
    if refused:
        return refused
    action = get_object_or_404(Action.objects.for_user(request.user).filter(objective__plan=plan), pk=action_pk)
    form = ActionStatusForm(request.POST, instance=action)
    if form.is_valid():
        action_status_record(form=form, by=request.user)
        messages.success(
            request,
            _("“%(action)s” is now %(status)s.")
            % {"action": action.title, "status": action.get_status_display().lower()},
        )
    else:
        messages.error(request, _("Choose one of the listed statuses."))
    return redirect(f"{plan.get_absolute_url()}#action-{action.pk}")


def _say_already_saved(request):
    messages.info(request, _("This page was already saved; nothing was saved twice."))


def _already_recorded(request, model):
    """A repeated POST of a page whose one-time token already recorded a row: say so (the caller redirects).

    Answered before validation, which would otherwise judge the repeated data against the first save.
    """
    if request.method == "POST" and recorded_with(model=model, token=request.POST.get("form_token")):
        _say_already_saved(request)
        return True
    return False


@login_required
def measurement_add(request, pk, indicator_pk):
    plan, refused = _plan_accepting_progress(request, pk)
    if refused:
        return refused
    indicator = get_object_or_404(
        Indicator.objects.for_user(request.user).filter(objective__plan=plan), pk=indicator_pk
    )
    back = f"{plan.get_absolute_url()}#indicator-{indicator.pk}"
    if _already_recorded(request, Measurement):
        return redirect(back)
    form = MeasurementForm(request.POST or None, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        try:
            measurement_record(form=form, by=request.user)
        except AlreadyRecorded:  # its twin got in first
            _say_already_saved(request)
            return redirect(back)
        messages.success(request, _("The measurement of “%(indicator)s” was recorded.") % {"indicator": indicator.name})
        return redirect(back)
    return render(request, "actionplans/measurement_form.html", {"plan": plan, "indicator": indicator, "form": form})


@login_required
def progress_add(request, pk):
    plan, refused = _plan_accepting_progress(request, pk)
    if refused:
        return refused
    back = f"{plan.get_absolute_url()}#progress"
    if _already_recorded(request, ProgressUpdate):
        return redirect(back)
    form = ProgressUpdateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            progress_update_record(plan=plan, form=form, by=request.user)
        except AlreadyRecorded:  # its twin got in first
            _say_already_saved(request)
            return redirect(back)
        messages.success(request, _("Your progress update was added to the plan."))
        return redirect(back)
    return render(request, "actionplans/progress_form.html", {"plan": plan, "form": form})


@login_required
def evidence_download(request, pk, evidence_pk):
    """An evidence file, only for those who may see its plan, always as a download."""
    evidence = get_object_or_404(Evidence.objects.for_user(request.user).of_plan(pk), pk=evidence_pk)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=evidence.original_name, content_type=evidence.content_type
    )
    # Not kept by shared caches or the browser's, and never run as a page even if a browser opened it inline.
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "sandbox"
    return response


PLAN_TEMPLATE = "actionplans/plan_print.html"


def _print_context(plan, *, for_pdf):
    """The document's body is drawn once per reporting stamp, plan, day and language (plan_print.html): its rows are
    read only when it is drawn."""
    return {
        "plan": plan,
        "areas": functools.cache(lambda: _group_by_area(plan_rows_attach(plan).objectives.all())),
        "today": timezone.localdate(),
        "for_pdf": for_pdf,
        "stamp": reporting_stamp(),
    }


@login_required
def plan_print(request, pk):
    plan = plan_head(user=request.user, pk=pk)
    return document_page(
        PLAN_TEMPLATE,
        _print_context(plan, for_pdf=False),
        request=request,
        language=document_language(request),
    )


@login_required
def plan_pdf(request, pk):
    plan = plan_head(user=request.user, pk=pk)
    pdf = pdf_once(
        folder=f"plans/{plan.pk}",
        version=plan.version,
        language=document_language(request),
        template=PLAN_TEMPLATE,
        context=_print_context(plan, for_pdf=True),
        request=request,
    )
    name = slugify(f"{plan.organization.short_name or plan.organization.name} {plan.title}", allow_unicode=True)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, f"{name[:80] or 'plan'}.pdf")
    return response


@coordinator_required
def launch_plans(request, pk):
    session = get_object_or_404(TrainingSession.objects.for_user(request.user), pk=pk)
    if request.method == "POST":
        result = plans_launch_from_session(session=session, by=request.user)
        created = ngettext(
            "%(count)d draft action plan created", "%(count)d draft action plans created", result.created
        ) % {"count": result.created}
        existing = ngettext(
            "%(count)d organization already had one", "%(count)d organizations already had one", result.existing
        ) % {"count": result.existing}
        parts = [created, existing]
        if result.skipped:
            parts.append(
                ngettext(
                    "%(count)d skipped: it has a plan in progress for the same months",
                    "%(count)d skipped: they have a plan in progress for the same months",
                    result.skipped,
                )
                % {"count": result.skipped}
            )
        messages.success(request, "; ".join(parts) + ".")
        return redirect(session)
    to_create, already, skipped = plans_launch_preview(session=session)
    context = {"session": session, "to_create": to_create, "already": already, "skipped": skipped}
    return render(request, "actionplans/launch_plans.html", context)
