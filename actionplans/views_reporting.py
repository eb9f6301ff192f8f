"""Pages of reporting: the schedule, a period report (read, edit, review, print, PDF) and who has reported."""

import functools
from dataclasses import dataclass

import tablib
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actionplans import reporting
from actionplans.filters_reporting import ReportingFilterForm
from actionplans.forms_reporting import PeriodTargetsForm, ReopenForm, ReportEditor, ReportReviewForm, ScheduleForm
from actionplans.history import report_trail
from actionplans.models import (
    ActionPlan,
    MissingValuesError,
    PeriodTarget,
    ReportWorkflowError,
    StaleReportError,
)
from actionplans.reporting import period_targets_set, report_save, schedule_apply
from actionplans.selectors import (
    PLAN_PAGES_STAMP,
    period_for_user,
    periods_overview,
    plan_for_schedule,
    plan_indicators,
    report_actions,
    report_evidence,
    report_indicators,
    reporting_stamp,
)
from actionplans.templatetags.plans import period_state_class
from core.exports import CSVExport, XLSXExport, escape_formula
from core.kept import kept_page
from core.language import document_language
from core.pdf import document_page, pdf_once
from core.roles import coordinator_required, is_coordinator


@coordinator_required
def schedule_edit(request, pk):
    """Change how often an approved plan reports: periods with a report keep it, the others are laid out again."""
    plan = plan_for_schedule(user=request.user, pk=pk)
    schedule = getattr(plan, "reporting_schedule", None)
    form = ScheduleForm(request.POST or None, schedule=schedule)
    if request.method == "POST" and form.is_valid():
        try:
            schedule_apply(plan=plan, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error) if not hasattr(error, "error_dict") else _add_errors(form, error)
        else:
            messages.success(request, _("The reporting schedule was saved and the periods laid out."))
            return redirect(f"{plan.get_absolute_url()}#reporting")
    return render(request, "actionplans/schedule_form.html", _schedule_context(plan, form))


def _schedule_context(plan, form, *, targets_posted=None):
    """The periods and a blank targets grid are read when the page draws them (callables), which a page from the
    cache does not: the periods, the blank forms and the grid are drawn once per reporting stamp and language, the
    periods' states once per day (schedule_form.html). What was posted back is drawn each time."""
    periods = functools.cache(lambda: list(plan.reporting_periods.select_related("report")))

    def targets_blank():
        targets = {(t.indicator_id, t.period_id): t.value for t in PeriodTarget.objects.filter(period__plan=plan)}
        return PeriodTargetsForm(periods=periods(), indicators=plan_indicators(plan=plan), targets=targets)

    return {
        "plan": plan,
        "form": form,
        "periods": periods,
        "targets_form": functools.cache(targets_blank) if targets_posted is None else targets_posted,
        "targets_posted": targets_posted is not None,
        "stamp": reporting_stamp(),
        "today": timezone.localdate(),
    }


@require_POST
@coordinator_required
def period_targets_edit(request, pk):
    """Each period's due date and the indicators' targets per period, from the schedule page."""
    plan = plan_for_schedule(user=request.user, pk=pk)
    periods = list(plan.reporting_periods.select_related("report"))
    form = PeriodTargetsForm(request.POST, periods=periods, indicators=plan_indicators(plan=plan), targets={})
    if form.is_valid():
        dues, targets = form.changes()
        try:
            period_targets_set(plan=plan, dues=dues, targets=targets, by=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The due dates and the targets per period were saved."))
            return redirect("actionplans:schedule", plan.pk)
    schedule = getattr(plan, "reporting_schedule", None)
    context = _schedule_context(plan, ScheduleForm(schedule=schedule), targets_posted=form)
    return render(request, "actionplans/schedule_form.html", context, status=200)


def _add_errors(form, error):
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


def _report_context(request, period):
    """What the report's pages show: the period (read already), then four queries for its rows. The rows are
    read when the page draws them (each a callable the template calls once), so a page whose body comes from
    the cache reads none of them (see tests/reporting/test_queries.py)."""
    report = period.existing_report
    return {
        "plan": period.plan,
        "period": period,
        "report": report,
        "state": period.state(),
        "rows": functools.cache(
            lambda: [(i, i.period_value, i.period_target) for i in report_indicators(period=period, report=report)]
        ),
        "actions": functools.cache(
            lambda: [(a, a.period_status) for a in report_actions(report=report, plan_id=period.plan_id)]
        ),
        "evidence": functools.cache(lambda: report_evidence(report=report)),
        "can_edit": period.user_edits,
        "can_review": is_coordinator(request.user),
    }


@login_required
@kept_page(PLAN_PAGES_STAMP)
def report_detail(request, pk, number):
    period = period_for_user(user=request.user, plan_pk=pk, number=number)
    context = _report_context(request, period)
    context["review_form"] = ReportReviewForm()
    context["reopen_form"] = ReopenForm()
    report = context["report"]
    context["history"] = functools.cache(lambda: report_trail(report) if report else [])
    # The body and the history are drawn once per reporting stamp and language (the template's cache tags).
    context["stamp"] = reporting_stamp()
    return render(request, "actionplans/report_detail.html", context)


@login_required
@kept_page(PLAN_PAGES_STAMP, unless=lambda request: "report_missing" in request.session)
def report_edit(request, pk, number):
    period = period_for_user(user=request.user, plan_pk=pk, number=number)
    if not period.user_edits:
        raise PermissionDenied(_("You can read this plan but not change it."))
    plan, report = period.plan, period.existing_report
    if report is not None and not report.is_editable:
        messages.error(request, report.locked_message())
        return redirect(period)
    if plan.status != ActionPlan.Status.APPROVED:
        messages.error(request, _("Reports are written while the plan is approved."))
        return redirect(period)

    def editor_build():
        return ReportEditor(
            report=report,
            indicators=report_indicators(period=period, report=report),
            actions=report_actions(report=report, plan_id=plan.pk),
            data=request.POST or None,
            files=request.FILES or None,
        )

    if request.method != "POST":
        # Blank: built only when the page draws it, which a page from the cache does not (report_edit.html).
        return render(
            request,
            "actionplans/report_edit.html",
            _report_edit_context(request, period, report, editor=functools.cache(editor_build), editor_is_blank=True),
        )
    editor = editor_build()
    if editor.foreign_rows():
        raise Http404
    status = 200
    current = str(report.version if report else 0)
    if request.POST.get("version") != current:
        # Checked before the values: someone saved meanwhile. Nothing is written; what they typed is shown again.
        editor.is_valid()
        editor.conflict, status = str(StaleReportError.message), 409
    elif editor.is_valid():
        try:
            report = report_save(period=period, by=request.user, **editor.save_kwargs())
        except StaleReportError as error:
            editor.conflict, status = str(error), 409
        except ReportWorkflowError as error:
            messages.error(request, str(error))
            return redirect(period)
        except ValidationError as error:  # the forms check the same rules; this is the service's own guard
            editor.form.add_error(None, error.messages)
        else:
            return _after_save(request, period, report)
    context = _report_edit_context(request, period, report, editor=editor, editor_is_blank=False)
    return render(request, "actionplans/report_edit.html", context, status=status)


def _report_edit_context(request, period, report, *, editor, editor_is_blank):
    return {
        "plan": period.plan,
        "period": period,
        "report": report,
        "editor": editor,
        "editor_is_blank": editor_is_blank,
        "stamp": reporting_stamp() if editor_is_blank else None,
        "evidence": functools.cache(lambda: report_evidence(report=report)),
        "state": period.state(),
        "missing": request.session.pop("report_missing", None) if request.method == "GET" else None,
    }


def _after_save(request, period, report):
    edit_url = reverse("actionplans:report_edit", args=[period.plan_id, period.number])
    if "submit" not in request.POST:
        messages.success(request, _("Your report was saved as a draft."))
        return redirect(edit_url)
    try:
        reporting.report_submit(report=report, by=request.user)
    except MissingValuesError as error:
        missing = [(i.name, f"{edit_url}#value-{i.pk}") for i in error.indicators]
        request.session["report_missing"] = missing
        messages.error(request, _("The draft was saved, but it was not submitted: some values are missing."))
        return redirect(edit_url)
    except ReportWorkflowError as error:
        messages.error(request, str(error))
        return redirect(edit_url)
    messages.success(request, _("Your report was submitted. The coordinator will accept it or send it back."))
    return redirect(period)


@require_POST
@coordinator_required
def report_review(request, pk, number):
    period = period_for_user(user=request.user, plan_pk=pk, number=number)
    report = period.existing_report
    form = ReportReviewForm(request.POST)
    if report is None or not form.is_valid():
        messages.error(request, _("Choose accept or send back; sending back needs a comment."))
        return redirect(period)
    try:
        if form.cleaned_data["decision"] == ReportReviewForm.ACCEPT:
            reporting.report_accept(report=report, by=request.user)
            messages.success(request, _("The report was accepted; its period is locked."))
        else:
            reporting.report_send_back(report=report, by=request.user, comment=form.cleaned_data["comment"])
            messages.success(request, _("The report was sent back to the organization."))
    except ReportWorkflowError as error:
        messages.error(request, str(error))
    return redirect(period)


@require_POST
@coordinator_required
def report_reopen(request, pk, number):
    period = period_for_user(user=request.user, plan_pk=pk, number=number)
    report = period.existing_report
    form = ReopenForm(request.POST)
    if report is None or not form.is_valid():
        messages.error(request, _("Say why the report is reopened."))
        return redirect(period)
    try:
        report.reopen(by=request.user, reason=form.cleaned_data["reason"])
    except ReportWorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The report was reopened; the organization can correct it."))
    return redirect(period)


REPORT_TEMPLATE = "actionplans/report_print.html"


def _report_print_context(request, period, *, for_pdf):
    # The report page links its documents in the organization's working language (?language=), as the plan's.
    with translation.override(document_language(request)):
        return {**_report_context(request, period), "for_pdf": for_pdf}


@login_required
def report_print(request, pk, number):
    period = period_for_user(user=request.user, plan_pk=pk, number=number)
    return document_page(
        REPORT_TEMPLATE,
        _report_print_context(request, period, for_pdf=False),
        request=request,
        language=document_language(request),
    )


@login_required
def report_pdf(request, pk, number):
    period = period_for_user(user=request.user, plan_pk=pk, number=number)
    report = period.existing_report
    pdf = pdf_once(
        folder=f"reports/{period.pk}",
        version=report.version if report is not None else 0,
        language=document_language(request),
        template=REPORT_TEMPLATE,
        context=_report_print_context(request, period, for_pdf=True),
        request=request,
    )
    organization = period.plan.organization
    name = slugify(f"{organization.short_name or organization.name} {period.plan.title} {period.number}", True)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, f"{name[:80] or 'report'}.pdf")
    return response


@coordinator_required
def reports_overview(request):
    """Who has reported: organizations by periods with counts per status and the on-time rate; CSV and XLSX."""
    form = ReportingFilterForm(request.GET or None)
    # A value that is not one of a filter's choices (?year=abc, an unknown training) is said beside that filter and
    # left out; the valid ones still apply (as the other lists' filters do).
    form.is_valid()
    filters = getattr(form, "cleaned_data", {})
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):  # every row; the page shows 50 plans at a time
        return _overview_export(periods_overview(user=request.user, **filters), export)
    page = request.GET.get("page") or 1
    query = request.GET.copy()
    query.pop("format", None)
    query.pop("page", None)
    context = {
        "form": form,
        "query": query.urlencode(),
        "page_number": page,
        "today": timezone.localdate(),  # the states (due soon, overdue) are today's
        # Counted and drawn once per reporting stamp, filters, page, day and language (the template's cache tag).
        "stamp": reporting_stamp(),
        "overview": functools.cache(lambda: _overview(periods_overview(user=request.user, page=page, **filters))),
    }
    return render(request, "actionplans/reports_overview.html", context)


def _overview(overview):
    return {**overview, "grid": _grid(overview["rows"])}


@dataclass(frozen=True)
class GridCell:
    """What one cell of the who-has-reported grid prints: 400 of them on a page, so made once here, not in the
    template (a URL reversed and three dates formatted per cell were most of the page's time)."""

    url: str
    state: object
    css: str
    dates: str
    due: str


def _grid(rows):
    """[(row, [GridCell or None])]: links from one reversed pattern, each distinct date formatted once."""
    pattern = reverse("actionplans:report", args=[URL_PLAN, URL_NUMBER])
    pattern = pattern.replace(str(URL_PLAN), "{plan}", 1).replace(str(URL_NUMBER), "{number}", 1)
    short = functools.cache(lambda day: date_format(day, "SHORT_DATE_FORMAT"))

    def cell(period, state):
        url = pattern.format(plan=period.plan_id, number=period.number)
        dates = f"{short(period.start)} \u2013 {short(period.end)}"
        return GridCell(url, state, period_state_class(state), dates, short(period.due))

    return [(row, [cell(*item) if item else None for item in row.cells]) for row in rows]


URL_PLAN, URL_NUMBER = 987654321, 12345  # placeholders no real plan or period number has


def _overview_export(overview, file_format):
    """One line per period: organization, plan, period, dates, status, submitted on, on time."""
    dataset = tablib.Dataset(title=_("Who has reported"))
    dataset.headers = [
        _("Organization"), _("Plan"), _("Period"), _("Start"), _("End"), _("Due date"), _("Status"),
        _("First submitted"), _("On time"),
    ]  # fmt: skip
    for row in overview["rows"]:
        for cell in row.cells:
            if cell is None:
                continue
            period, state = cell
            report = period.existing_report
            submitted = timezone.localdate(report.first_submitted_at) if report and report.first_submitted_at else None
            punctual = period.was_on_time()
            dataset.append(
                [
                    escape_formula(row.organization.name) if file_format == "csv" else row.organization.name,
                    escape_formula(row.plan.title) if file_format == "csv" else row.plan.title,
                    period.number,
                    period.start.isoformat(),
                    period.end.isoformat(),
                    period.due.isoformat(),
                    str(state.label),
                    submitted.isoformat() if submitted else "",
                    "" if punctual is None else (_("Yes") if punctual else _("No")),
                ]
            )
    fmt = CSVExport() if file_format == "csv" else XLSXExport()
    data = fmt.export_data(dataset)
    content_type = "text/csv; charset=utf-8" if file_format == "csv" else fmt.get_content_type()
    response = HttpResponse(data if isinstance(data, bytes) else data.encode("utf-8"), content_type=content_type)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = content_disposition_header(True, f"who-has-reported-{stamp}.{file_format}")
    return response
