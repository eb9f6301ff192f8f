from functools import cache
from urllib.parse import urlencode

from django.apps import apps
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.middleware import OTPMiddleware as DjangoOTPMiddleware
from django_otp.models import Device

from accounts import selectors
from core.prepared import PreparedGet

# Pages a signed-in person reaches before passing the second factor: signing in and out, the set-up and
# verification themselves, the language switch and the health check.
OPEN_VIEWS = {
    "login",
    "logout",
    "set_language",
    "healthz",
    "accounts:two_factor_setup",
    "accounts:two_factor_verify",
    "accounts:invitation_accept",
    "admin:logout",
}


class OTPMiddleware(DjangoOTPMiddleware):
    """django-otp's middleware, the session's device read by a query built once per process (core.prepared): it is
    read on every page of everyone who uses a second factor (coordinators and staff)."""

    def _device_from_persistent_id(self, persistent_id):
        # Device.from_persistent_id, reading the row with a prepared query: "app_label.modelname/id".
        try:
            label, pk = self._normalize_persistent_id(persistent_id).rsplit("/", 1)
            model, pk = apps.get_model(label), int(pk)
        except (ValueError, LookupError):
            return None
        return _device_of(model)(pk) if issubclass(model, Device) else None


@cache
def _device_of(model):
    return PreparedGet(model)


class SecondFactorMiddleware:
    """Sends people who must use a second factor to set it up or enter a code before any other page.

    Coordinators, staff and superusers when REQUIRE_2FA_FOR_STAFF is on; anyone who set one up (partners may
    opt in). Runs after django_otp's OTPMiddleware, which says whether this session passed the second factor.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or request.resolver_match.view_name in OPEN_VIEWS:
            return None
        if not selectors.second_factor_required(request) or user.is_verified():
            return None
        target = "accounts:two_factor_verify" if selectors.has_second_factor(user) else "accounts:two_factor_setup"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
