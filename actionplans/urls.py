from django.urls import path

from actionplans import views

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
]
