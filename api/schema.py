"""OpenAPI details drf-spectacular cannot see: the token scheme and the error answers every operation may give."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension

from actionplans.models import Action, ActionPlan, Indicator
from actionplans.models_reporting import PeriodReport
from organizations.models import OrganizationKind
from sessions_log.models import TrainingSession

# Named enums where several models call a field "status" or "kind" (SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]).
PLAN_STATUS = ActionPlan.Status
ACTION_STATUS = Action.Status
TRAINING_STATUS = TrainingSession.Status
INDICATOR_KIND = Indicator.Kind
ORGANIZATION_KIND = OrganizationKind
REPORT_STATUS = PeriodReport.Status  # in the list's rows and in one report's answer

ERROR = {"$ref": "#/components/schemas/Error"}
ERROR_ANSWERS = {
    "400": "The request is not valid: the reasons are given per field (filters too).",
    "401": "No credentials, or a token that is unknown, revoked or expired.",
    "403": (
        "Signed in, but not allowed: a read-only token or a viewer writing, a coordinator writing a partner's figures."
    ),
    "404": "Not found, or not yours to see (the same answer, so nothing is confirmed); also an unknown page cursor.",
    "429": "Too many requests with this token: wait the seconds given in Retry-After.",
}


class PersonalAccessTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.PersonalAccessTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal access token from the API tokens page: `Authorization: Bearer gap_…`.",
        }


def add_error_answers(result, generator, request, public):
    """Document the errors every operation can answer (DRF's own JSON body with a `detail` message)."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault(
        "Error",
        {
            "type": "object",
            "description": "An error; validation errors instead map each field to a list of messages.",
            "additionalProperties": True,
        },
    )
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for status, description in ERROR_ANSWERS.items():
                operation["responses"].setdefault(
                    status, {"description": description, "content": {"application/json": {"schema": ERROR}}}
                )
    return result
