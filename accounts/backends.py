from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connections, router
from django.db.models import Subquery
from django.db.models.signals import m2m_changed, post_migrate

from core import stamps
from core.models import Stamp
from core.prepared import KEY, Prepared

# Renewed by every change of who holds which permission (``renew_on_permission_changes``): the permissions read for
# a person are kept in the cache under its token, so a permission given or taken away counts from the next request,
# in every process and on every host.
PERMISSIONS_STAMP = "permissions"
PERMISSIONS_SECONDS = 300


def _user_with_stamp(pk):
    stamp = Stamp.objects.filter(name=PERMISSIONS_STAMP).values("token")[:1]
    return get_user_model()._default_manager.filter(pk=pk).annotate(permissions_stamp=Subquery(stamp))


# Every signed-in request reads the person by the id in their session, and with them the permissions stamp (no
# query of its own): built once per process (core.prepared).
_USER = Prepared(_user_with_stamp, KEY)


class EmailOrUsernameBackend(ModelBackend):
    """Signs in with the username or, failing that, with the e-mail address (case-insensitive)."""

    def get_user(self, user_id):
        """The signed-in person of a session (Django's ModelBackend.get_user, with the query prepared once)."""
        try:
            pk = get_user_model()._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        found = _USER.objects(pk)
        user = found[0] if found else None
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
        """The person's own and their groups' permissions in one query (Django's ModelBackend makes two), kept in
        the cache under the permissions stamp read with the person (``get_user``): every signed-in page asks for
        them (the role in the header, the second-factor rule), and the query cost more than the rest of the frame's
        queries together. Kept on the user object for the request, as Django does."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if user_obj.is_superuser:
            return super().get_all_permissions(user_obj, obj)
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = _permissions_of(user_obj)
        return user_obj._perm_cache


def _permissions_of(user):
    """From the cache when ``user`` was read with the stamp's token (``get_user``), else from the database.

    The token is read before the permissions, so what is kept under a token is never older than the token: a change
    committed in between is kept under the old token, which later readers no longer ask for."""
    if not hasattr(user, "permissions_stamp"):  # not read by get_user (signing in, an API token): no token to trust
        return _permissions_read(user.pk)
    token = user.permissions_stamp or stamps.token(PERMISSIONS_STAMP)  # the stamp made on first use
    return stamps.cached(
        f"permissions:{token}:{user.pk}", lambda: _permissions_read(user.pk), seconds=PERMISSIONS_SECONDS
    )


def _permissions_read(pk):
    using = router.db_for_read(Permission)
    with connections[using].cursor() as cursor:
        cursor.execute(_permissions_sql(using), [pk, pk])
        return {f"{app_label}.{codename}" for app_label, codename in cursor.fetchall()}


def renew_on_permission_changes():
    """Renew the permissions stamp, in the same transaction, whenever someone joins or leaves a group, a group's or
    a person's permissions change, or a group, permission or content type is saved or deleted (the admin, the
    coordinator invitations, a script); and after every ``migrate``, whose data migrations grant permissions with
    historical models that send no signal to these receivers. Django sends no signal for rows of the join tables
    written or deleted directly (``Group.permissions.through.objects...delete()``): a script that does so calls
    ``stamps.renew(PERMISSIONS_STAMP)``, or what it changed counts within ``PERMISSIONS_SECONDS``."""
    User = get_user_model()
    throughs = (User.groups.through, User.user_permissions.through, Group.permissions.through)
    for through in throughs:
        m2m_changed.connect(
            _renew_after_m2m, sender=through, weak=False, dispatch_uid=f"permissions-stamp-{through._meta.label}"
        )
    stamps.renew_on(PERMISSIONS_STAMP, ["auth.Group", "auth.Permission", "contenttypes.ContentType"])
    post_migrate.connect(_renew_after_migrate, weak=False, dispatch_uid="permissions-stamp-migrate")


def _renew_after_m2m(action, **_signal):
    if action in ("post_add", "post_remove", "post_clear"):
        stamps.renew(PERMISSIONS_STAMP)


def _renew_after_migrate(app_config, using, **_signal):
    # Sent once per app, after every migration has run: renew once.
    if app_config.label == "accounts" and Stamp._meta.db_table in connections[using].introspection.table_names():
        stamps.renew(PERMISSIONS_STAMP)


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
