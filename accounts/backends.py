from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connections, router

from core.prepared import PreparedGet

# Every signed-in request reads the person by the id in their session: built once per process (core.prepared).
_USER = PreparedGet(get_user_model)


class EmailOrUsernameBackend(ModelBackend):
    """Signs in with the username or, failing that, with the e-mail address (case-insensitive)."""

    def get_user(self, user_id):
        """The signed-in person of a session (Django's ModelBackend.get_user, with the query prepared once)."""
        try:
            pk = get_user_model()._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        user = _USER(pk)
        return user if user is not None and self.user_can_authenticate(user) else None

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
            using = router.db_for_read(Permission)
            with connections[using].cursor() as cursor:
                cursor.execute(_permissions_sql(using), [user_obj.pk, user_obj.pk])
                user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in cursor.fetchall()}
        return user_obj._perm_cache


@cache
def _permissions_sql(using):
    """The query behind get_all_permissions, written once per process: building it with the ORM (a union of two
    joins) cost more than running it, on every signed-in page. Table and column names come from the models."""
    qn = connections[using].ops.quote_name
    own = get_user_model().user_permissions
    member = get_user_model().groups
    granted = Group.permissions
    permission, content_type = Permission._meta, ContentType._meta
    return (
        f"SELECT ct.{qn('app_label')}, p.{qn('codename')} FROM {qn(permission.db_table)} p"  # noqa: S608 (names from the models, values bound)
        f" INNER JOIN {qn(content_type.db_table)} ct"
        f" ON ct.{qn(content_type.pk.column)} = p.{qn(permission.get_field('content_type').column)}"
        f" WHERE p.{qn(permission.pk.column)} IN ("
        f"SELECT {qn(own.field.m2m_reverse_name())} FROM {qn(own.through._meta.db_table)}"
        f" WHERE {qn(own.field.m2m_column_name())} = %s"
        f" UNION SELECT g.{qn(granted.field.m2m_reverse_name())} FROM {qn(granted.through._meta.db_table)} g"
        f" INNER JOIN {qn(member.through._meta.db_table)} m"
        f" ON m.{qn(member.field.m2m_reverse_name())} = g.{qn(granted.field.m2m_column_name())}"
        f" WHERE m.{qn(member.field.m2m_column_name())} = %s)"
    )
