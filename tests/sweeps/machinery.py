"""What the access and CSRF sweeps share: every URL pattern as a concrete URL, the database fingerprint, requests
whose writes are rolled back, and the forms a page offers (so a refused write posts what the allowed one would)."""

import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

from django.apps import apps
from django.conf import settings
from django.contrib.admin.sites import site
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.sweeps.expectations import ADMIN, DEFAULT_KWARGS, PAGES, ROLES, Page
from tests.sweeps.world import MISSING

# Tables a request may write without it being a write of data: the session a signed-in client carries.
NOT_DATA = {"django_session"}
WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


@dataclass
class Target:
    key: str  # the expectation's name in PAGES or ADMIN
    page: Page
    url: str
    missing_url: str | None  # the same URL with the ids of no row
    route: str = field(default="")
    # The back office is Django's admin, one set of templates for every model: the superuser's sweep opens the
    # pages of the first model of each app (tests/backoffice/ opens the others); every other role opens all.
    superuser_sample: bool = True


def _walk(resolver, prefix="", namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield name, prefix + str(pattern.pattern), pattern


def _admin_models():
    """{"app_model": (model, its admin)} of every model in the back office."""
    return {f"{m._meta.app_label}_{m._meta.model_name}": (m, admin) for m, admin in site._registry.items()}


def admin_key(name, route):
    """An admin URL's expectation name: the site's own pages by name, a model's by what the page is
    ("admin:changelist", "admin:change", ...); a model's own line (e.g. "admin:actionplans_reportingperiod_add")
    takes precedence."""
    if name is None:
        return "admin:catch_all" if route.endswith("(?P<url>.*)$") else "admin:object_redirect"
    for prefix in sorted(_admin_models(), key=len, reverse=True):
        if name.startswith(f"admin:{prefix}_"):
            if name in ADMIN:
                return name
            return f"admin:{name.removeprefix(f'admin:{prefix}_')}"
    return name


def _admin_model_of(name, route):
    for prefix, (model, _admin) in _admin_models().items():
        app_label, model_name = model._meta.app_label, model._meta.model_name
        if (name or "").startswith(f"admin:{prefix}_") or route.startswith(f"admin/{app_label}/{model_name}/"):
            return model
    return None


def _value(spec, ids):
    return ids.get(spec, spec) if isinstance(spec, str) else spec


def _build(pattern, name, route, page, ids, missing):
    """The concrete URL of one pattern: its keywords filled from organization A's ids (or `missing`)."""
    groups = pattern.pattern.regex.groupindex
    converters = set(groups)
    model = _admin_model_of(name, route) if route.startswith("admin/") else None
    if name is None:  # the admin's unnamed object redirect and catch-all
        if "(?P<url>" in route:
            return "/admin/no-such-page/"
        first = model._default_manager.order_by("pk").first()
        return "/" + route.replace("<path:object_id>", str(MISSING if missing or not first else first.pk))
    kwargs = {}
    for keyword in converters:
        if keyword == "format":
            kwargs[keyword] = "json"
            continue
        spec = page.kwargs.get(keyword, DEFAULT_KWARGS.get(keyword))
        if keyword in ("pk", "object_id", "id") and spec is None and model is not None:
            first = model._default_manager.order_by("pk").first()
            spec = first.pk if first else MISSING
        if keyword == "pk" and spec is None:
            spec = page.kwargs.get("pk", page.obj)
            if spec is not None and spec not in ids:
                raise AssertionError(f"{name}: give organization A a {spec!r} in tests/sweeps/world.py (ids)")
        if spec is None:
            raise AssertionError(f"{name or route}: say in tests/sweeps/expectations.py what fills <{keyword}>")
        value = _value(spec, ids)
        if missing and keyword in page.ids_of_a and isinstance(value, int):
            value = MISSING
        kwargs[keyword] = value
    positional = pattern.pattern.regex.groups - len(groups)
    args = []
    if positional:  # simple_history's ^([^/]+)/history/([^/]+)/$: the object and one of its history rows
        first = model._default_manager.order_by("pk").first()
        history = getattr(model, "history", None)
        record = history.filter(id=first.pk).order_by("history_id").first() if first and history else None
        args = [MISSING if missing else (first.pk if first else MISSING), record.history_id if record else MISSING]
        return reverse(name, args=args)
    return reverse(name, kwargs=kwargs)


def targets(ids):
    """Every URL pattern of the app as a concrete URL with its expectation; raises for a pattern without one."""
    found, unexpected, sampled_apps = [], [], {}
    for name, route, pattern in _walk(get_resolver()):
        is_admin = route.startswith("admin/") and not (name and name in PAGES)
        key = admin_key(name, route) if is_admin else name
        page = (ADMIN if is_admin else PAGES).get(key)
        if page is None:
            unexpected.append(f"{key} ({route})")
            continue
        url = _build(pattern, name, route, page, ids, missing=False)
        has_ids = bool(page.ids_of_a) and any(k in pattern.pattern.regex.groupindex for k in page.ids_of_a)
        missing_url = _build(pattern, name, route, page, ids, missing=True) if has_ids else None
        model = _admin_model_of(name, route) if is_admin else None
        sample = model is None or sampled_apps.setdefault(model._meta.app_label, model) is model
        found.append(Target(key, page, url, missing_url, route, superuser_sample=sample))
    return found, unexpected


def fingerprint():
    """A digest of every row of every table the app keeps (sessions aside)."""
    digest = hashlib.sha256()
    tables = sorted({m._meta.db_table for m in apps.get_models(include_auto_created=True)} - NOT_DATA)
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = sorted(repr(row) for row in cursor.fetchall())
            digest.update(f"{table}:{len(rows)}:{rows}".encode())
    return digest.hexdigest()


def data_writes(queries):
    """The write statements among `queries`, outside the session table."""
    return [q["sql"] for q in queries if WRITE.match(q["sql"]) and not any(table in q["sql"] for table in NOT_DATA)]


def request_rolled_back(client, method, url, data=None, baseline=None, **extra):
    """Send one request and undo what it wrote; returns (response, changed: did it change any data?).

    The session cookie is put back afterwards (a sign-out must not sign the client out for the next request)."""
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    changed = False
    with transaction.atomic():
        with CaptureQueriesContext(connection) as queries:
            response = getattr(client, method)(url, data or {}, **extra)
        if data_writes(queries.captured_queries):
            changed = baseline is None or fingerprint() != baseline
        transaction.set_rollback(True)
    if cookie is not None:
        client.cookies[settings.SESSION_COOKIE_NAME] = cookie.value
    return response, changed


class _Forms(HTMLParser):
    """The POST forms of a page: action → {field: value}, filled as a person in a hurry would."""

    FILL = {
        "email": "sweep@example.org",
        "number": "1",
        "date": "2026-06-01",
        "url": "https://example.org/",
        "password": "Sweep-password-2026",
        "tel": "+996 555 000 000",
    }

    def __init__(self, base):
        super().__init__(convert_charrefs=True)
        self.base, self.forms, self.form, self.select, self.textarea = base, {}, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "get").lower() == "post":
            action = urlparse(urljoin(self.base, attrs.get("action") or self.base)).path
            self.form = self.forms.setdefault(action, {}) if action not in self.forms else {}
            return
        if self.form is None or not attrs.get("name"):
            return
        name, kind = attrs["name"], (attrs.get("type") or "text").lower()
        if name == "csrfmiddlewaretoken" or kind in ("file", "image", "reset"):
            return
        if tag == "input":
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.form.setdefault(name, attrs.get("value", "on"))
            elif kind in ("submit", "button"):
                self.form.setdefault(name, attrs.get("value", ""))
            else:
                self.form[name] = attrs.get("value") or ("" if kind == "hidden" else self.FILL.get(kind, "Sweep"))
        elif tag == "button" and kind == "submit":
            self.form.setdefault(name, attrs.get("value", ""))
        elif tag == "select":
            self.select = name
        elif tag == "option" and self.select:
            if "selected" in attrs or (self.form.get(self.select) in (None, "") and attrs.get("value")):
                self.form[self.select] = attrs.get("value", "")
        elif tag == "textarea":
            self.textarea = name
            self.form[name] = ""

    def handle_data(self, data):
        if self.form is not None and self.textarea:
            self.form[self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            if self.form is not None and self.textarea and not self.form[self.textarea].strip():
                self.form[self.textarea] = "Sweep"
            self.textarea = None


def post_forms(url, response):
    """{action path: fields} of the POST forms in an HTML response."""
    if "text/html" not in response.get("Content-Type", "") or response.status_code != 200:
        return {}
    parser = _Forms(f"http://testserver{url}")
    parser.feed(response.content.decode(errors="replace"))
    return parser.forms


# Pages that hold the forms of POST-only URLs (a plan's submit button is on the plan page, ...).
FORM_PAGES = {
    "actionplans:detail",
    "actionplans:report",
    "sessions_log:topics",
    "accounts:members",
    "notifications:list",
    "api:tokens",
    "accounts:two_factor",
}


def writers(page):
    """The roles that may write through this URL (marked `.w` in its POST line)."""
    return [role for role in ROLES if (page.expected("post", role) or "").endswith(".w")]


def forms_harvest(world, all_targets, client_for):
    """{path: fields}: the POST forms that the people allowed to write are offered on their pages."""
    forms = {}
    for role in ("partner", "coordinator", "admin", "anonymous"):
        client = client_for(world, role)
        for target in all_targets:
            if role == "admin" and not target.superuser_sample:
                continue
            wanted = target.key in FORM_PAGES or (target.page.post and role in writers(target.page))
            if not wanted or target.page.expected("get", role) != "200":
                continue
            response, _changed = request_rolled_back(client, "get", target.url)
            for action, fields in post_forms(target.url, response).items():
                forms.setdefault(action, fields)
    return forms
