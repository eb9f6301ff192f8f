"""Accounts people manage themselves: password reset and change, and sign-in with e-mail or username."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
