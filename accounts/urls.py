from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from accounts import views

app_name = "accounts"

# Django's own password views keep their global names (the templates in templates/registration/ use them).
password_urlpatterns = [
    path("password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password_reset/done/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(success_url=reverse_lazy("password_reset_complete")),
        name="password_reset_confirm",
    ),
    path("reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password_change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
]

# Included at the root: the account pages under /accounts/, the members page under its organization.
urlpatterns = [
    path("accounts/invitations/", views.coordinator_invitations, name="coordinator_invitations"),
    path("accounts/invitations/<int:pk>/resend/", views.invitation_resend, name="invitation_resend"),
    path("accounts/invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("accounts/invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("accounts/two-factor/", views.two_factor, name="two_factor"),
    path("accounts/two-factor/setup/", views.two_factor_setup, name="two_factor_setup"),
    path("accounts/two-factor/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("accounts/two-factor/recovery-codes/", views.two_factor_recovery_codes, name="two_factor_recovery_codes"),
    path("accounts/two-factor/remove/", views.two_factor_remove, name="two_factor_remove"),
    path("organizations/<int:pk>/members/", views.members, name="members"),
    path("organizations/<int:pk>/members/<int:membership_pk>/role/", views.membership_role, name="membership_role"),
    path("organizations/<int:pk>/members/<int:membership_pk>/end/", views.membership_end, name="membership_end"),
]
