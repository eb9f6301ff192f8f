"""The REST API: read what a person may see and write where partners report, through the pages' own doors and
services; personal access tokens (hashed, expiring, revocable, optionally read-only), their throttling and the
log of every request made with one; the OpenAPI schema and its documentation pages."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = "API"

    def ready(self):
        from api import schema  # noqa: F401  (registers the token scheme with drf-spectacular)
        from api.caching import API_MODELS, API_STAMP
        from core.stamps import renew_on

        renew_on(API_STAMP, API_MODELS)
