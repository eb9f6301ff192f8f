"""The organizational gender self-assessment: questionnaire library, assessments, scores, suggestions for the plan."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Gender self-assessment")

    def ready(self):
        # The assessment event kinds must be known wherever notifications are shown or mailed.
        from assessments import events  # noqa: F401
