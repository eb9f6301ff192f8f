from django.contrib.auth import views as auth_views
from django.utils.translation import gettext as _

from accounts.services import password_reset_request_allow


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset view with a limit per address and per IP; the answer never says if the address exists."""

    def form_valid(self, form):
        # REMOTE_ADDR: the proxy in front must pass the client's address (see the README's production notes).
        if not password_reset_request_allow(
            email=form.cleaned_data["email"], ip_address=self.request.META.get("REMOTE_ADDR")
        ):
            form.add_error("email", _("Too many reset requests. Try again in an hour."))
            return self.form_invalid(form)
        return super().form_valid(form)
