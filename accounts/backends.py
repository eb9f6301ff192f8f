from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class EmailOrUsernameBackend(ModelBackend):
    """Signs in with the username or, failing that, with the e-mail address (case-insensitive)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None or not username or "@" not in username:
            return user
        User = get_user_model()
        # Only an address that belongs to exactly one account signs in: a shared address stays ambiguous.
        matches = list(User._default_manager.filter(email__iexact=username)[:2])
        if len(matches) != 1:
            User().set_password(password)  # same cost as a real check, so timing says nothing
            return None
        user = matches[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
