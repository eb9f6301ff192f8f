from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from api import pages, periods, views

app_name = "api"


class Router(DefaultRouter):
    """Any id segment reaches the view, which answers a JSON 404 for one that is not a number (not an HTML page)."""

    def get_lookup_regex(self, viewset, lookup_prefix=""):
        return rf"(?P<{lookup_prefix}pk>[^/]+)"


router = Router()
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("headcounts", views.HeadcountViewSet, basename="headcount")
router.register("trainings", views.TrainingViewSet, basename="training")
router.register("topics", views.TopicViewSet, basename="topic")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("actions", views.ActionViewSet, basename="action")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("measurements", views.MeasurementViewSet, basename="measurement")
router.register("periods", periods.PeriodViewSet, basename="period")
router.register("period-reports", periods.PeriodReportViewSet, basename="period-report")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("tokens/", pages.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", pages.token_revoke, name="token_revoke"),
    path("reports/<str:name>/", views.ReportView.as_view(), name="report"),
    path("", include(router.urls)),
]
