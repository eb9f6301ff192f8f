from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actionplans.models import ContentArea, PlanWorkflowError
from actionplans.selectors import plan_for_editor
from assessments import charts, scoring, services
from assessments.forms import AnswerForm, QuestionForm, ReviewForm, SuggestedActionFormSet, SuggestionForm
from assessments.models import (
    Answer,
    Assessment,
    AssessmentWorkflowError,
    Question,
    StaleAssessmentError,
    SuggestedAction,
    Suggestion,
)
from assessments.reassessment import years_startable
from assessments.selectors import (
    assessment_comparison,
    assessment_for_editor,
    assessment_for_page,
    can_edit_for,
    editable_organizations,
    latest_assessed,
    suggestions_for,
)
from core.prepared import PreparedForReader
from core.roles import coordinator_required, is_coordinator
from organizations.models import Organization
from organizations.selectors import latest_headcounts


def _by_area(rows, area_of):
    """Rows grouped in the content areas' order, as [(area, label, [rows])]."""
    groups = {}
    for row in rows:
        groups.setdefault(area_of(row), []).append(row)
    return [(area, label, groups[area]) for area, label in ContentArea.choices if area in groups]


# Read on every visit of the list: written by the ORM once per process and kind of reader (core.prepared).
_ASSESSMENTS = PreparedForReader(
    lambda reader: (
        Assessment.objects.for_user(reader).select_related("organization").order_by("organization__name", "-year")
    )
)


@login_required
def assessment_list(request):
    """Coordinators: every organization's assessments; partners: their own, with a button to start this year's."""
    assessments = _ASSESSMENTS.objects(request.user)
    year = timezone.localdate().year
    organizations = editable_organizations(user=request.user)
    if is_coordinator(request.user):
        organizations = list(Organization.objects.active().order_by("name"))
    done = {(a.organization_id, a.year) for a in assessments}
    startable = [organization for organization in organizations if (organization.pk, year) not in done]
    context = {"assessments": assessments, "startable": startable, "year": year}
    return render(request, "assessments/assessment_list.html", context)


@require_POST
@login_required
def assessment_start(request):
    """Start an organization's assessment: this year's, or (from "What needs me") the year of a re-assessment due."""
    organization = get_object_or_404(Organization.objects.for_user(request.user), pk=request.POST.get("organization"))
    if not (is_coordinator(request.user) or can_edit_for(user=request.user, organization_id=organization.pk)):
        raise Http404
    today = timezone.localdate()
    year = request.POST.get("year") or str(today.year)
    if year != str(today.year) and (
        not year.isdecimal() or int(year) not in years_startable(organization=organization, today=today)
    ):
        messages.error(request, _("A self-assessment can be started for this year or a re-assessment due soon."))
        return redirect("assessments:list")
    try:
        assessment = services.assessment_start(organization=organization, by=request.user, year=int(year))
    except AssessmentWorkflowError as error:
        messages.error(request, str(error))
        return redirect("assessments:list")
    messages.success(request, _("The self-assessment was started. Answer each question and save as you go."))
    if can_edit_for(user=request.user, organization_id=organization.pk):
        return redirect("assessments:edit", assessment.pk)
    return redirect(assessment)


@login_required
def assessment_detail(request, pk):
    assessment = assessment_for_page(user=request.user, pk=pk)
    comparison = assessment_comparison(assessment=assessment)
    context = {
        "assessment": assessment,
        "areas": _by_area(assessment.answers.all(), lambda answer: answer.question.content_area),
        "comparison": comparison,
        "chart": charts.comparison_chart(comparison),
        "can_edit": assessment.is_editable
        and can_edit_for(user=request.user, organization_id=assessment.organization_id),
        "can_review": is_coordinator(request.user) and assessment.status == Assessment.Status.SUBMITTED,
        "maturity_ranges": scoring.maturity_ranges(),
    }
    return render(request, "assessments/assessment_detail.html", context)


@login_required
def assessment_edit(request, pk):
    assessment = assessment_for_editor(user=request.user, pk=pk)
    if not assessment.is_editable:
        messages.error(
            request,
            _("This assessment is %(status)s: it cannot be changed now.")
            % {"status": assessment.get_status_display().lower()},
        )
        return redirect(assessment)
    answers = list(assessment.answers.all())
    forms = [AnswerForm(request.POST or None, request.FILES or None, instance=answer) for answer in answers]
    conflict = None
    if request.method == "POST" and all(form.is_valid() for form in forms):
        try:
            services.answers_save(assessment=assessment, forms=forms, version=_version(request), by=request.user)
        except StaleAssessmentError as error:
            conflict = str(error)
        else:
            if "submit" in request.POST:
                return _submit(request, assessment)
            messages.success(
                request, _("Your answers were saved. Submit the assessment when every question has a level.")
            )
            return redirect("assessments:edit", assessment.pk)
    context = {
        "assessment": assessment,
        "areas": _by_area(forms, lambda form: form.instance.question.content_area),
        "headcounts": latest_headcounts(organization=assessment.organization),
        "leadership": ContentArea.LEADERSHIP,
        "conflict": conflict,
    }
    return render(request, "assessments/assessment_edit.html", context, status=409 if conflict else 200)


def _version(request):
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1


def _submit(request, assessment):
    try:
        services.assessment_submit(assessment=assessment, by=request.user)
    except AssessmentWorkflowError as error:
        messages.error(request, str(error))
        return redirect("assessments:edit", assessment.pk)
    messages.success(request, _("The assessment was submitted. A coordinator will validate it."))
    return redirect(assessment)


@require_POST
@login_required
def assessment_submit(request, pk):
    assessment = assessment_for_editor(user=request.user, pk=pk)
    return _submit(request, assessment)


@coordinator_required
def assessment_validate(request, pk):
    assessment = assessment_for_page(user=request.user, pk=pk)
    if assessment.status != Assessment.Status.SUBMITTED:
        messages.error(request, _("Only a submitted assessment can be validated."))
        return redirect(assessment)
    forms = [ReviewForm(request.POST or None, instance=answer) for answer in assessment.answers.all()]
    if request.method == "POST" and all(form.is_valid() for form in forms):
        finish = "validate" in request.POST
        try:
            services.answers_review(assessment=assessment, forms=forms, by=request.user, finish=finish)
        except AssessmentWorkflowError as error:
            messages.error(request, str(error))
        else:
            if finish:
                messages.success(request, _("The assessment was validated; its scores now count."))
                return redirect(assessment)
            messages.success(request, _("Your changes were saved."))
            return redirect("assessments:validate", assessment.pk)
    context = {
        "assessment": assessment,
        "areas": _by_area(forms, lambda form: form.instance.question.content_area),
        "headcounts": latest_headcounts(organization=assessment.organization),
        "leadership": ContentArea.LEADERSHIP,
    }
    return render(request, "assessments/assessment_validate.html", context)


@login_required
def evidence_download(request, pk, answer_pk):
    """An answer's evidence file, only for those who may see the assessment, always as a download."""
    answer = get_object_or_404(
        Answer.objects.for_user(request.user).exclude(evidence=""), assessment_id=pk, pk=answer_pk
    )
    try:
        handle = answer.evidence.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=answer.evidence_name,
        content_type=answer.evidence_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "sandbox"
    return response


# --- The questionnaire library (coordinators) ------------------------------------------------------------------


@coordinator_required
def question_list(request):
    questions = Question.objects.order_by("content_area", "order", "pk")
    context = {"areas": _by_area(questions, lambda question: question.content_area)}
    return render(request, "assessments/question_list.html", context)


@coordinator_required
def question_form(request, pk=None):
    question = get_object_or_404(Question, pk=pk) if pk else None
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        form.instance._history_user = request.user
        form.save()
        messages.success(request, _("The question was saved."))
        return redirect("assessments:questions")
    return render(request, "assessments/question_form.html", {"form": form, "question": question})


@require_POST
@coordinator_required
def question_toggle(request, pk):
    question = get_object_or_404(Question, pk=pk)
    question.is_active = not question.is_active
    question._history_user = request.user
    question.save(update_fields=["is_active"])
    if question.is_active:
        messages.success(request, _("The question is asked again in new assessments."))
    else:
        messages.success(request, _("The question is no longer asked in new assessments; answers already given stay."))
    return redirect("assessments:questions")


# --- The suggestions library (coordinators) -------------------------------------------------------------------


@coordinator_required
def suggestion_list(request):
    suggestions = Suggestion.objects.prefetch_related("actions").order_by("content_area", "order", "pk")
    context = {"areas": _by_area(suggestions, lambda suggestion: suggestion.content_area)}
    return render(request, "assessments/suggestion_list.html", context)


@coordinator_required
def suggestion_form(request, pk=None):
    suggestion = get_object_or_404(Suggestion, pk=pk) if pk else Suggestion()
    form = SuggestionForm(request.POST or None, instance=suggestion)
    actions = SuggestedActionFormSet(request.POST or None, instance=suggestion, prefix="actions")
    if request.method == "POST" and form.is_valid() and actions.is_valid():
        services.suggestion_save(form=form, actions=actions)
        messages.success(request, _("The suggested objective was saved."))
        return redirect("assessments:library")
    context = {"form": form, "actions": actions, "suggestion": suggestion if pk else None}
    return render(request, "assessments/suggestion_form.html", context)


@require_POST
@coordinator_required
def suggestion_toggle(request, pk):
    suggestion = get_object_or_404(Suggestion, pk=pk)
    suggestion.is_active = not suggestion.is_active
    suggestion.save(update_fields=["is_active"])
    if suggestion.is_active:
        messages.success(request, _("The objective is suggested again."))
    else:
        messages.success(request, _("The objective is no longer suggested; objectives already taken into plans stay."))
    return redirect("assessments:library")


# --- From the assessment to the plan ---------------------------------------------------------------------------


def _plan_and_assessment(request, plan_pk):
    plan = plan_for_editor(user=request.user, pk=plan_pk)
    return plan, latest_assessed(organization=plan.organization)


@login_required
def plan_suggestions(request, plan_pk):
    """Suggested objectives and actions for a draft plan, for the organization's weakest content areas."""
    plan, assessment = _plan_and_assessment(request, plan_pk)
    context = {
        "plan": plan,
        "assessment": assessment,
        "areas": suggestions_for(assessment=assessment) if assessment else [],
        "editable": plan.is_editable,
    }
    return render(request, "assessments/plan_suggestions.html", context)


@require_POST
@login_required
def suggestion_take(request, plan_pk, suggestion_pk):
    plan, assessment = _plan_and_assessment(request, plan_pk)
    suggestion = get_object_or_404(Suggestion.objects.filter(is_active=True), pk=suggestion_pk)
    action = None
    if request.POST.get("action"):
        action = get_object_or_404(SuggestedAction, suggestion=suggestion, pk=request.POST["action"])
    if assessment is None:
        raise Http404
    try:
        objective = services.suggestion_take(
            plan=plan, suggestion=suggestion, assessment=assessment, by=request.user, action=action
        )
    except PlanWorkflowError as error:
        messages.error(request, str(error))
        return redirect(plan)
    if action is None:
        messages.success(
            request,
            _("“%(title)s” was added to the plan with its indicator and actions; edit it as you need.")
            % {"title": objective.title},
        )
    else:
        messages.success(request, _("The action was added under “%(title)s”.") % {"title": objective.title})
    return redirect(reverse("assessments:suggestions", args=[plan.pk]))
