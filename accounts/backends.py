from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission


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

    def get_all_permissions(self, user_obj, obj=None):
        """The person's own and their groups' permissions in one query (Django's ModelBackend makes two).

        Every signed-in page asks for them (the role in the header, the second-factor rule), so the query saved
        is saved on every page. Kept on the user object for the request only, as Django does: a permission
        taken away counts from the next request, on every worker.
        """
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if user_obj.is_superuser:
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            fields = ("content_type__app_label", "codename")
            own = Permission.objects.filter(user=user_obj).values_list(*fields).order_by()
            from_groups = Permission.objects.filter(group__user=user_obj).values_list(*fields).order_by()
            user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in own.union(from_groups)}
        return user_obj._perm_cache
