from django.urls import path

from actionplans import views

app_name = "actionplans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("<int:pk>/", views.plan_detail, name="detail"),
]
