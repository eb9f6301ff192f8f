from django.urls import path

from sessions_log import views

app_name = "sessions_log"
urlpatterns = [
    path("sessions/", views.session_list, name="list"),
    path("sessions/lookup/", views.session_lookup, name="lookup"),
    path("sessions/new/", views.session_create, name="create"),
    path("sessions/<int:pk>/", views.session_detail, name="detail"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="edit"),
    path("sessions/<int:pk>/print/", views.session_print, name="print"),
    path("sessions/<int:pk>/pdf/", views.session_pdf, name="pdf"),
    path("topics/", views.topic_list, name="topics"),
    path("topics/lookup/", views.topic_lookup, name="topic_lookup"),
    path("topics/new/", views.topic_create, name="topic_create"),
    path("topics/<int:pk>/edit/", views.topic_edit, name="topic_edit"),
    path("topics/<int:pk>/toggle/", views.topic_toggle, name="topic_toggle"),
    path("topics/<int:pk>/delete/", views.topic_delete, name="topic_delete"),
]
