from django.urls import path

from sessions_log import views

app_name = "sessions_log"
urlpatterns = [
    path("sessions/", views.session_list, name="list"),
    path("sessions/<int:pk>/", views.session_detail, name="detail"),
    path("topics/", views.topic_list, name="topics"),
]
