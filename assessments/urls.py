from django.urls import path

from assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("new/", views.assessment_start, name="start"),
    path("<int:pk>/", views.assessment_detail, name="detail"),
    path("<int:pk>/edit/", views.assessment_edit, name="edit"),
    path("<int:pk>/submit/", views.assessment_submit, name="submit"),
    path("<int:pk>/validate/", views.assessment_validate, name="validate"),
    path("<int:pk>/answers/<int:answer_pk>/evidence/", views.evidence_download, name="evidence"),
    path("questions/", views.question_list, name="questions"),
    path("questions/new/", views.question_form, name="question_new"),
    path("questions/<int:pk>/edit/", views.question_form, name="question_edit"),
    path("questions/<int:pk>/toggle/", views.question_toggle, name="question_toggle"),
    path("library/", views.suggestion_list, name="library"),
    path("library/new/", views.suggestion_form, name="suggestion_new"),
    path("library/<int:pk>/edit/", views.suggestion_form, name="suggestion_edit"),
    path("library/<int:pk>/toggle/", views.suggestion_toggle, name="suggestion_toggle"),
    path("plans/<int:plan_pk>/suggestions/", views.plan_suggestions, name="suggestions"),
    path("plans/<int:plan_pk>/suggestions/<int:suggestion_pk>/take/", views.suggestion_take, name="take"),
]
