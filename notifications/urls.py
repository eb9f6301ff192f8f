from django.urls import path

from notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/open/", views.notification_open, name="open"),
    path("read/", views.notifications_read_all, name="read_all"),
    path("settings/", views.delivery_settings, name="settings"),
]
