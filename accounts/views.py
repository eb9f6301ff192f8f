from django.contrib.auth import views as auth_views
from django.utils.translation import gettext as _

from accounts.services import password_reset_request_allow
from core.client_ip import client_ip


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset view with a limit per address and per IP; the answer never says if the address exists."""

    def form_valid(self, form):
        # Behind nginx, the client's address from X-Forwarded-For (TRUSTED_PROXY_COUNT, see core/client_ip.py).
        if not password_reset_request_allow(email=form.cleaned_data["email"], ip_address=client_ip(self.request)):
            form.add_error("email", _("Too many reset requests. Try again in an hour."))
            return self.form_invalid(form)
        return super().form_valid(form)
