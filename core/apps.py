"""What every app uses and that knows no domain: export and import machinery for the back office, shared
form widgets and admin helpers, the formset that refuses rows not its parent's (formsets.py), figures shown
in several places (figures.py: the share of women), the page language (middleware and view), role checks,
the navigation context processor, shared template fragments (templates/core/) and `compile_translations`.
No models."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"
