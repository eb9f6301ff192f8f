from django.urls import path

from exports import views

app_name = "exports"
urlpatterns = [
    path("", views.export_list, name="list"),
    path("<uuid:pk>/download/", views.export_download, name="download"),
]
