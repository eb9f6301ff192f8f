from django.urls import path

from actionplans import views, views_reporting

app_name = "actionplans"
urlpatterns = [
    path("sessions/<int:pk>/launch-plans/", views.launch_plans, name="launch"),
    path("plans/", views.plan_list, name="list"),
    path("plans/<int:pk>/", views.plan_detail, name="detail"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="edit"),
    path("plans/<int:pk>/print/", views.plan_print, name="print"),
    path("plans/<int:pk>/pdf/", views.plan_pdf, name="pdf"),
    path("plans/<int:pk>/submit/", views.plan_submit, name="submit"),
    path("plans/<int:pk>/review/", views.plan_review, name="review"),
    path("plans/<int:pk>/complete/", views.plan_complete, name="complete"),
    path("plans/<int:pk>/archive/", views.plan_archive, name="archive"),
    path("plans/<int:pk>/restore/", views.plan_restore, name="restore"),
    path("plans/<int:pk>/progress/new/", views.progress_add, name="progress"),
    path("plans/<int:pk>/actions/<int:action_pk>/status/", views.action_status, name="action_status"),
    path("plans/<int:pk>/indicators/<int:indicator_pk>/measurements/new/", views.measurement_add, name="measure"),
    path("plans/<int:pk>/evidence/<int:evidence_pk>/", views.evidence_download, name="evidence"),
    # Reporting periods (views_reporting.py)
    path("plans/<int:pk>/schedule/", views_reporting.schedule_edit, name="schedule"),
    path("plans/<int:pk>/schedule/targets/", views_reporting.period_targets_edit, name="period_targets"),
    path("plans/<int:pk>/reports/<int:number>/", views_reporting.report_detail, name="report"),
    path("plans/<int:pk>/reports/<int:number>/edit/", views_reporting.report_edit, name="report_edit"),
    path("plans/<int:pk>/reports/<int:number>/review/", views_reporting.report_review, name="report_review"),
    path("plans/<int:pk>/reports/<int:number>/reopen/", views_reporting.report_reopen, name="report_reopen"),
    path("plans/<int:pk>/reports/<int:number>/print/", views_reporting.report_print, name="report_print"),
    path("plans/<int:pk>/reports/<int:number>/pdf/", views_reporting.report_pdf, name="report_pdf"),
    path("reports/", views_reporting.reports_overview, name="reports"),
]
