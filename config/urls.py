from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import urls as accounts_urls
from accounts import views as accounts_views
from actionplans import backoffice
from config import views
from core import language

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("ping", views.ping, name="ping"),
    path("accounts/login/", accounts_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include(accounts_urls.password_urlpatterns)),
    path("", include("accounts.urls")),
    path("i18n/setlang/", language.set_language, name="set_language"),
    path("organizations/", include("organizations.urls")),
    path("", include("sessions_log.urls")),
    path("", include("actionplans.urls")),
    path("assessments/", include("assessments.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("api/", include("api.urls")),
    path("notifications/", include("notifications.urls")),
    path("exports/", include("exports.urls")),
    # Back-office reports page (issue 13), before the admin's own catch-all URLs.
    path("admin/reports/", backoffice.reports_page, name="backoffice_reports"),
    path("admin/reports/<slug:name>.<str:file_format>", backoffice.report_download, name="report_download"),
    path("admin/", admin.site.urls),
]
