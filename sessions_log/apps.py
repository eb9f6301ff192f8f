"""Trainings: sessions, facilitators, attendance by organization and gender, the discussion topic library,
participants' stories (coordinators only) and findings by barrier."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SessionsLogConfig(AppConfig):
    name = "sessions_log"
    verbose_name = _("Trainings")

    def ready(self):
        from core.stamps import renew_in_database, renew_on
        from sessions_log.selectors import (
            TOPICS_MODELS,
            TOPICS_STAMP,
            TRAINING_PAGES_OTHER_MODELS,
            TRAINING_PAGES_STAMP,
        )

        renew_on(TOPICS_STAMP, TOPICS_MODELS)
        renew_in_database(TRAINING_PAGES_STAMP, [*self.get_models(), *TRAINING_PAGES_OTHER_MODELS])
