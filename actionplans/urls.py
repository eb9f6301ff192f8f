from django.urls import path

from actionplans import views

app_name = "actionplans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/edit/", views.plan_edit, name="edit"),
    path("<int:pk>/print/", views.plan_print, name="print"),
    path("<int:pk>/pdf/", views.plan_pdf, name="pdf"),
    path("<int:pk>/submit/", views.plan_submit, name="submit"),
    path("<int:pk>/review/", views.plan_review, name="review"),
    path("<int:pk>/complete/", views.plan_complete, name="complete"),
    path("<int:pk>/archive/", views.plan_archive, name="archive"),
    path("<int:pk>/progress/new/", views.progress_add, name="progress"),
    path("<int:pk>/actions/<int:action_pk>/status/", views.action_status, name="action_status"),
    path("<int:pk>/indicators/<int:indicator_pk>/measurements/new/", views.measurement_add, name="measure"),
    path("<int:pk>/evidence/<int:evidence_pk>/", views.evidence_download, name="evidence"),
]
