from django.conf import settings
from django.core.checks import Warning


def second_factor_check(app_configs, **kwargs):
    """check --deploy: production without the second factor for coordinators and staff is a warning."""
    if settings.DEBUG or settings.REQUIRE_2FA_FOR_STAFF:
        return []
    return [
        Warning(
            "REQUIRE_2FA_FOR_STAFF is off: coordinators, staff and superusers sign in with a password alone.",
            hint="Unset REQUIRE_2FA_FOR_STAFF (it is on by default when DEBUG is off) or set it to true.",
            id="accounts.W001",
        )
    ]
