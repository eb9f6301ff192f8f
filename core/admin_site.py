"""The back office's admin site: the default one, with two guards every list and object page gets.

- A list whose filter, date hierarchy or search value breaks its query (``?year=0``, a year past 9999, a
  number too large for the database, a NUL character PostgreSQL refuses) shows the list without the
  filters and a message, never a 500. Each app's filters still check their own values first.
- Staff without a model's view or change permission get 404 from its object pages (change, delete,
  history) and from the "view on site" shortcut, whether the object exists or not: the answer tells
  nothing about which ids exist.

And what every back-office page shows that follows from the code and the person's permissions alone: the list of
apps and models (the sidebar, the index) is built once per process for each set of permissions, language and app,
and the sidebar's markup is kept in the ``fragments`` cache under the same key and the page's place in it. Django
rebuilds both on every request, asking each of some forty admins for four permissions. A permission given or taken
away is a new key at once (the permissions are read for every request); a code change is a restart.
"""

from functools import wraps
from urllib.parse import quote

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponseRedirect
from django.urls import get_script_prefix
from django.utils.translation import get_language, gettext

from core.kept import permissions_digest

OBJECT_VIEWS = ("_change", "_delete", "_history", "_simple_history")


def permissions_key(user):
    """What the back office's permission checks read of ``user``, as a short key; None for anyone else than active
    staff (their pages are not kept)."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return None
    return permissions_digest(user)


class BackOfficeSite(admin.AdminSite):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._app_lists = {}

    def get_app_list(self, request, app_label=None):
        permissions = permissions_key(request.user)
        if permissions is None:
            return super().get_app_list(request, app_label)
        key = (permissions, get_language(), get_script_prefix(), app_label)
        if key not in self._app_lists:
            self._app_lists[key] = super().get_app_list(request, app_label)
        # Copies: a caller may change its list without changing the next request's.
        return [{**app, "models": [dict(model) for model in app["models"]]} for app in self._app_lists[key]]

    def each_context(self, request):
        context = super().each_context(request)
        context["nav_sidebar_key"] = self._nav_sidebar_key(request, context["available_apps"])
        return context

    @staticmethod
    def _nav_sidebar_key(request, app_list):
        """The sidebar's markup follows from the app list and which of its links hold the page (nav_sidebar.html)."""
        permissions = permissions_key(request.user)
        if permissions is None:
            return None
        path = quote(request.path, safe="/")
        here = [app["app_url"] for app in app_list if app["app_url"] in path]
        links = [model.get("admin_url") for app in app_list for model in app["models"]]
        here += [link for link in links if link and link in path]  # no link without the view permission
        return ":".join([permissions, get_language(), get_script_prefix(), *here])

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(inner)
        def guarded(request, *args, **kwargs):
            name = getattr(request.resolver_match, "url_name", "") or ""
            model_admin = self._model_admin_for(name)
            if name == "view_on_site":
                self._shortcut_check(request, kwargs.get("content_type_id"))
            elif model_admin and name.endswith(OBJECT_VIEWS) and self._may_not_see(request, model_admin):
                raise Http404
            if not (model_admin and name.endswith("_changelist") and request.method == "GET"):
                return inner(request, *args, **kwargs)
            try:
                response = inner(request, *args, **kwargs)
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()  # the rows are read while rendering: a bad value fails here
            except (ValueError, OverflowError):
                messages.error(request, gettext("A filter value of this list is not valid; it was left out."))
                return HttpResponseRedirect(request.path)
            return response

        return guarded

    @staticmethod
    def _may_not_see(request, model_admin):
        # Only signed-in staff reach here with a verdict; the others are sent to the sign-in page as usual.
        user = request.user
        return user.is_active and user.is_staff and not model_admin.has_view_or_change_permission(request)

    def _model_admin_for(self, url_name):
        for model, model_admin in self._registry.items():
            if url_name.startswith(f"{model._meta.app_label}_{model._meta.model_name}_"):
                return model_admin
        return None

    def _shortcut_check(self, request, content_type_id):
        content_type = ContentType.objects.filter(pk=content_type_id).first()
        model = content_type.model_class() if content_type else None
        model_admin = self._registry.get(model)
        if model_admin is None or not model_admin.has_view_or_change_permission(request):
            raise Http404
