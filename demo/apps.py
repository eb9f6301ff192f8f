"""The demo data (`manage.py seed_demo`): the November 2021 training and its plans. It imports every app;
nothing imports it."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "demo"
    verbose_name = "Demo data"
