from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from accounts.models import Invitation, InvitationRole
from core.roles import is_coordinator
from organizations.models import Membership


class InvitationForm(forms.Form):
    """Invite an address to an organization as editor or viewer, or (no organization) as a coordinator."""

    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"))
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=settings.LANGUAGES,
        help_text=_("The mail is written in this language; the person chooses the language of the pages."),
    )

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        if organization is None:
            self.fields["role"].choices = [(InvitationRole.COORDINATOR, InvitationRole.COORDINATOR.label)]
            self.fields["role"].initial = InvitationRole.COORDINATOR
        else:
            self.fields["role"].choices = Membership.Role.choices
            self.fields["role"].initial = Membership.Role.EDITOR
        # The organization's working language (issue 13 §4); coordinators' invitations: the site's default.
        self.fields["language"].initial = organization.language if organization is not None else settings.LANGUAGE_CODE

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        email = email[: email.rfind("@")] + email[email.rfind("@") :].lower()
        pending = Invitation.objects.pending().filter(email__iexact=email, organization=self.organization)
        if self.organization is None:
            account = get_user_model()._default_manager.filter(email__iexact=email).order_by("pk").first()
            if account is not None and is_coordinator(account):
                raise forms.ValidationError(_("This person is already a coordinator."))
        elif Membership.objects.filter(organization=self.organization, user__email__iexact=email).exists():
            raise forms.ValidationError(_("This person is already a member of this organization."))
        if pending.exists():
            raise forms.ValidationError(
                _("This address already has a pending invitation: resend it from the list below.")
            )
        return email


class InvitationAcceptForm(forms.Form):
    """The invited person's name, language and password (checked by Django's password validators)."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    language = forms.ChoiceField(label=_("Language of the pages"), choices=settings.LANGUAGES)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.fields["language"].initial = invitation.language

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2:
            if password1 != password2:
                self.add_error("password2", _("The two passwords differ."))
            else:
                # Checked against the person as they will be, so "similar to your name" applies.
                person = get_user_model()(
                    username=self.invitation.email,
                    email=self.invitation.email,
                    first_name=cleaned.get("first_name", ""),
                    last_name=cleaned.get("last_name", ""),
                )
                try:
                    password_validation.validate_password(password2, person)
                except forms.ValidationError as error:
                    self.add_error("password2", error)
        return cleaned


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class CodeForm(forms.Form):
    """A six-digit code from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())
