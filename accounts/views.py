import base64

import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import DEVICE_ID_SESSION_KEY, match_token
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import selectors, services
from accounts.forms import CodeForm, InvitationAcceptForm, InvitationForm, MembershipRoleForm
from accounts.models import AccountEvent, Invitation
from core.client_ip import client_ip
from core.kept import kept_page
from core.roles import coordinator_required
from organizations.models import Membership
from organizations.selectors import directory_stamp, organization_for_user


class LoginView(auth_views.LoginView):
    """Django's sign-in; a person who has a second factor is then asked for it (partners who opted in too)."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        if selectors.has_second_factor(self.request.user):
            self.request.session[selectors.SECOND_FACTOR_SESSION_KEY] = True
        return response


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset view with a limit per address and per IP; the answer never says if the address exists."""

    def form_valid(self, form):
        # Behind nginx, the client's address from X-Forwarded-For (TRUSTED_PROXY_COUNT, see core/client_ip.py).
        if not services.password_reset_request_allow(
            email=form.cleaned_data["email"], ip_address=client_ip(self.request)
        ):
            form.add_error("email", _("Too many reset requests. Try again in an hour."))
            return self.form_invalid(form)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's reset confirmation; a completed reset goes on the person's audit list."""

    def form_valid(self, form):
        response = super().form_valid(form)
        services.account_event_record(kind=AccountEvent.Kind.PASSWORD_RESET, user=form.user, actor=form.user)
        return response


def _base_url(request):
    return request.build_absolute_uri("/").rstrip("/")


def _next_url(request, default):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return default


# Invitations and members (coordinators) -------------------------------------------------------------------


def _invite(request, form, organization):
    user = services.invitation_send(
        organization=organization,
        email=form.cleaned_data["email"],
        role=form.cleaned_data["role"],
        language=form.cleaned_data["language"],
        by=request.user,
        base_url=_base_url(request),
    )
    if user is None:
        messages.success(request, _("An invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]})
    else:
        messages.success(
            request,
            _("%(email)s already has an account: the access was added and a mail tells them so.")
            % {"email": form.cleaned_data["email"]},
        )


@coordinator_required
@kept_page(
    selectors.MEMBER_PAGES_STAMP,
    seconds=lambda request, pk: selectors.seconds_until_an_invitation_expires(organization_id=pk),
)
def members(request, pk):
    organization = organization_for_user(user=request.user, pk=pk)
    form = InvitationForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        _invite(request, form, organization)
        return redirect("accounts:members", organization.pk)
    context = {
        "organization": organization,
        "form": form,
        "role_choices": Membership.Role.choices,
        "valid_days": settings.INVITATION_VALID_DAYS,
        # The account events and a blank invitation form are drawn once per directory stamp, organization and
        # language (the template's cache tags); the rows that post (with the CSRF token) are drawn on each visit.
        "stamp": directory_stamp(),
    }
    context.update(selectors.members_page(organization=organization, fetched_by=request.user))
    return render(request, "accounts/members.html", context)


@coordinator_required
def coordinator_invitations(request):
    if not request.user.is_superuser:
        raise Http404
    form = InvitationForm(request.POST or None, organization=None)
    if request.method == "POST" and form.is_valid():
        _invite(request, form, None)
        return redirect("accounts:coordinator_invitations")
    invitations = Invitation.objects.for_user(request.user).pending().filter(organization=None)
    context = {
        "form": form,
        "invitations": invitations.select_related("invited_by"),
        "valid_days": settings.INVITATION_VALID_DAYS,
    }
    return render(request, "accounts/coordinator_invitations.html", context)


def _invitation_back(invitation):
    if invitation.organization_id is None:
        return redirect("accounts:coordinator_invitations")
    return redirect("accounts:members", invitation.organization_id)


@require_POST
@coordinator_required
def invitation_resend(request, pk):
    invitation = get_object_or_404(Invitation.objects.for_user(request.user).pending(), pk=pk)
    services.invitation_resend(invitation=invitation, by=request.user, base_url=_base_url(request))
    messages.success(request, _("The invitation to %(email)s was sent again.") % {"email": invitation.email})
    return _invitation_back(invitation)


@require_POST
@coordinator_required
def invitation_revoke(request, pk):
    invitation = get_object_or_404(Invitation.objects.for_user(request.user).pending(), pk=pk)
    services.invitation_revoke(invitation=invitation, by=request.user)
    messages.success(request, _("The invitation to %(email)s was withdrawn.") % {"email": invitation.email})
    return _invitation_back(invitation)


def _membership_for(request, pk, membership_pk):
    return get_object_or_404(
        Membership.objects.for_user(request.user).select_related("user", "organization"),
        pk=membership_pk,
        organization_id=pk,
    )


def _confirm_last_editor(request, membership, action, plans):
    """The page that asks before the last editor of an organization with an open plan goes."""
    context = {"membership": membership, "organization": membership.organization, "plans": plans, "action": action}
    return render(request, "accounts/membership_confirm.html", context)


@require_POST
@coordinator_required
def membership_role(request, pk, membership_pk):
    membership = _membership_for(request, pk, membership_pk)
    form = MembershipRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role from the list."))
        return redirect("accounts:members", pk)
    role = form.cleaned_data["role"]
    if role != membership.role:
        plans = selectors.open_plans_left_without_editor(membership=membership)
        if plans and not request.POST.get("confirmed"):
            return _confirm_last_editor(request, membership, "role", plans)
        services.membership_role_change(membership=membership, role=role, by=request.user)
    name = membership.user.get_full_name() or membership.user.get_username()
    messages.success(request, _("%(name)s is now %(role)s.") % {"name": name, "role": membership.get_role_display()})
    return redirect("accounts:members", pk)


@coordinator_required
def membership_end(request, pk, membership_pk):
    membership = _membership_for(request, pk, membership_pk)
    plans = selectors.open_plans_left_without_editor(membership=membership)
    if request.method != "POST" or (plans and not request.POST.get("confirmed")):
        return _confirm_last_editor(request, membership, "end", plans)
    services.membership_end(membership=membership, by=request.user)
    name = membership.user.get_full_name() or membership.user.get_username()
    messages.success(request, _("%(name)s is no longer a member.") % {"name": name})
    return redirect("accounts:members", pk)


# Accepting an invitation (the invited person) --------------------------------------------------------------


def invitation_accept(request, token):
    invitation = selectors.invitation_by_token(token=token)
    if invitation is None or not invitation.is_pending:
        status = 404 if invitation is None else 410
        return render(request, "accounts/invitation_invalid.html", {"invitation": invitation}, status=status)
    form = InvitationAcceptForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        user = services.invitation_accept(
            invitation=invitation,
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            password=form.cleaned_data["password1"],
            language=form.cleaned_data["language"],
        )
        if user is None:  # used up by a second click a moment ago
            return render(request, "accounts/invitation_invalid.html", {"invitation": invitation}, status=410)
        login(request, user, backend="accounts.backends.EmailOrUsernameBackend")
        messages.success(request, _("Welcome! Next time, sign in with your e-mail address and this password."))
        return redirect("home")
    return render(request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation})


# Two-factor sign-in ----------------------------------------------------------------------------------------


@login_required
def two_factor(request):
    """The person's second factor: on or off, recovery codes left, and the fresh codes once after set-up."""
    user = request.user
    static = StaticDevice.objects.filter(user=user).first()
    context = {
        "has_second_factor": selectors.has_second_factor(user),
        "required": selectors.second_factor_required_by_role(user),
        "codes_left": static.token_set.count() if static else 0,
        "new_codes": request.session.pop("accounts_new_recovery_codes", None),
        "next": _next_url(request, ""),
    }
    return render(request, "accounts/two_factor.html", context)


@login_required
def two_factor_setup(request):
    user = request.user
    if selectors.has_second_factor(user) and not user.is_verified():
        return redirect(f"{reverse('accounts:two_factor_verify')}?next={request.get_full_path()}")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or services.totp_device_start(user=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            request.session["accounts_new_recovery_codes"] = services.second_factor_confirm(device=device)
            otp_login(request, device)
            request.session[selectors.SECOND_FACTOR_SESSION_KEY] = True
            messages.success(request, _("Two-factor sign-in is on. Keep the recovery codes below somewhere safe."))
            return redirect(f"{reverse('accounts:two_factor')}?next={_next_url(request, '')}")
        form.add_error("code", _("That code is not right. Check the time on your phone and try the newest code."))
    context = {
        "form": form,
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#000", light="#fff"),
        "secret": _base32(device.bin_key),
        "next": _next_url(request, ""),
    }
    return render(request, "accounts/two_factor_setup.html", context)


def _base32(key):
    text = base64.b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@login_required
def two_factor_verify(request):
    user = request.user
    if not selectors.has_second_factor(user):
        return redirect("accounts:two_factor_setup")
    credentials = {"username": user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        logout(request)
        return get_lockout_response(request, credentials=credentials)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(request, _("You used a recovery code; %(n)s are left.") % {"n": left})
            return redirect(_next_url(request, reverse("home")))
        # A wrong code counts like a wrong password: django-axes locks the account and address alike.
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if AxesProxyHandler.is_locked(request, credentials):
            logout(request)
            return get_lockout_response(request, credentials=credentials)
        form.add_error("code", _("That code is not right. Try the newest code from your app, or a recovery code."))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request, "")})


@require_POST
@login_required
def two_factor_recovery_codes(request):
    if not selectors.has_second_factor(request.user):
        raise Http404
    request.session["accounts_new_recovery_codes"] = services.recovery_codes_create(user=request.user)
    messages.success(request, _("New recovery codes were made; the old ones no longer work."))
    return redirect("accounts:two_factor")


@require_POST
@login_required
def two_factor_remove(request):
    user = request.user
    if selectors.second_factor_required_by_role(user):
        messages.error(request, _("Your role requires two-factor sign-in: it cannot be turned off."))
        return redirect("accounts:two_factor")
    services.second_factor_remove(user=user, by=user)
    request.session.pop(selectors.SECOND_FACTOR_SESSION_KEY, None)
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    messages.success(request, _("Two-factor sign-in is off."))
    return redirect("accounts:two_factor")
