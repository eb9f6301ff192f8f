"""The scale-out smoke journey, run by .ci/scaleout against nginx and each of the two app hosts directly.

A plain HTTP client (requests) that keeps its own cookies, as a browser would: the session and CSRF cookies carry the
Secure flag (production settings), which requests' cookie jar would not send over the loopback's plain HTTP. Requests
sent to a host directly carry the headers nginx would add, so that the host sees what it sees behind the proxy.
Exits non-zero with a sentence saying which step failed.
"""

import argparse
import csv
import glob
import html.parser
import io
import re
import sys
import time
import uuid
from pathlib import Path

import psycopg2
import redis
import requests


class Form(html.parser.HTMLParser):
    """The fields of the first <form> on a page that has a field named ``marker``, with their current values."""

    def __init__(self, page, marker):
        super().__init__(convert_charrefs=True)
        self.marker, self.forms, self._form, self._select, self._textarea = marker, [], None, None, None
        self.feed(page)
        found = [fields for fields in self.forms if any(name == marker for name, _ in fields)]
        if not found:
            raise SystemExit(f"no form with the field {marker!r} on the page")
        self.fields = found[0]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = []
        elif self._form is None or ("name" not in attrs and tag != "option"):
            return
        elif tag == "input":
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self._form.append((attrs["name"], attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self._select = [attrs["name"], None, None]  # name, first option, selected option
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            if self._select[1] is None:
                self._select[1] = value
            if "selected" in attrs:
                self._select[2] = value
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        elif tag == "select" and self._select is not None:
            name, first, chosen = self._select
            if not (self._form is not None and chosen is None and first is None):
                self._form.append((name, chosen if chosen is not None else first or ""))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self._form.append(tuple(self._textarea))
            self._textarea = None

    def data(self, **changes):
        fields = [(name, changes.get(name, value)) for name, value in self.fields]
        return fields + [(name, value) for name, value in changes.items() if name not in dict(self.fields)]


class Browser:
    """One person's browser: cookies kept across requests, to nginx or to one host directly."""

    def __init__(self, proxy):
        self.proxy, self.cookies, self.upstreams = proxy, {}, []

    def request(self, method, path, *, via=None, **kwargs):
        address = via or self.proxy
        headers = {"Origin": f"https://{address}", "Referer": f"https://{address}{path}", **kwargs.pop("headers", {})}
        if via:
            # What nginx adds in front of a host (TRUSTED_PROXY_COUNT=1, X-Forwarded-Proto: https).
            headers |= {"X-Forwarded-For": "127.0.0.1", "X-Forwarded-Proto": "https"}
        response = requests.request(
            method,
            f"http://{address}{path}",
            headers=headers,
            cookies=self.cookies,
            allow_redirects=False,
            timeout=30,
            **kwargs,
        )
        self.cookies.update(response.cookies.get_dict())
        if not via:
            self.upstreams.append(response.headers.get("X-Upstream"))
        if response.status_code >= 500:
            raise SystemExit(f"{method} {path} via {address}: {response.status_code}\n{response.text[-2000:]}")
        return response

    def sign_in(self, username, password):
        page = self.request("GET", "/accounts/login/").text
        form = Form(page, "csrfmiddlewaretoken")
        response = self.request("POST", "/accounts/login/", data=form.data(username=username, password=password))
        check(response.status_code == 302, f"{username} signed in through nginx (got {response.status_code})")


# The dashboard reads its figures from these apps' tables (its last statement on the replica names one of them).
DASHBOARD_APPS = ("actionplans", "sessions_log", "organizations", "assessments")


def replica_reads(port):
    """The last query of each app connection to the replica (pg_stat_activity: other sessions than ours)."""
    connection = psycopg2.connect(host="127.0.0.1", port=int(port), dbname="scaleout", user="app")
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT query FROM pg_stat_activity WHERE datname = 'scaleout' AND pid <> pg_backend_pid() "
                "AND backend_type = 'client backend'"
            )
            return [query for (query,) in cursor.fetchall()]
    finally:
        connection.close()


def csv_choice(page):
    """The value of the CSV choice in an import or export page's format select."""
    choices = re.search(r'<select name="format"[^>]*>(.*?)</select>', page, re.S).group(1)
    return re.search(r'<option value="(\d+)"[^>]*>\s*csv', choices, re.I).group(1)


def check(condition, what, detail=""):
    if not condition:
        raise SystemExit(f"FAILED: {what} {detail}")
    print(f"ok: {what}")


def main():
    parser = argparse.ArgumentParser()
    for name in ("--proxy", "--host-a", "--host-b", "--plan", "--maildir", "--redis-port", "--replica-port"):
        parser.add_argument(name, required=True)
    args = parser.parse_args()
    hosts = {args.host_a, args.host_b}
    stamp = uuid.uuid4().hex[:8]

    # nginx hands requests to both hosts in turn.
    probe = Browser(args.proxy)
    for _ in range(4):
        check(probe.request("GET", "/healthz").status_code == 200, "/healthz through nginx answers 200")
    check(set(probe.upstreams) == hosts, f"nginx spread the requests over both hosts ({sorted(set(probe.upstreams))})")

    # A partner signs in through nginx (CSRF), saves the plan on host A and reads it on host B.
    partner = Browser(args.proxy)
    partner.sign_in("partner", "demo")
    edit = f"/plans/{args.plan}/edit/"
    page = partner.request("GET", edit, via=args.host_a)
    check(
        page.status_code == 200,
        f"the plan editor opens on host A with the session made through nginx ({page.status_code})",
    )
    form = Form(page.text, "plan-version")
    title_field = next(name for name, _ in form.fields if name.endswith("title") and name.startswith("plan"))
    title = f"Gender action plan saved on host A {stamp}"
    saved = partner.request("POST", edit, via=args.host_a, data=form.data(**{title_field: title, "close": "1"}))
    check(saved.status_code == 302, f"the plan was saved on host A ({saved.status_code}: {saved.text[-500:]})")
    read = partner.request("GET", f"/plans/{args.plan}/", via=args.host_b)
    check(read.status_code == 200 and title in read.text, "host B shows the plan as saved on host A")
    check(
        "Your changes to the plan were saved" in read.text,
        "host B shows the message host A left in the session (shared sessions)",
    )

    # The admin previews an import on host A and confirms it on host B (the preview waits in shared media storage).
    admin = Browser(args.proxy)
    admin.sign_in("admin", "demo")
    importing = "/admin/organizations/organization/import/"
    page = admin.request("GET", importing, via=args.host_a)
    check(page.status_code == 200, f"the admin import page opens on host A ({page.status_code})")
    form = Form(page.text, "format")  # not the header's sign-out form
    name = f"Scale-out Partner {stamp}"
    rows = [["Name", "Short name", "Kind", "Region", "Contact person", "E-mail", "Active"]]
    rows.append([name, "SOP", "Local civil-society organization", "Osh city", "", "", "yes"])
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    preview = admin.request(
        "POST",
        importing,
        via=args.host_a,
        data=form.data(format=csv_choice(page.text), resource="0"),
        files={"import_file": ("partners.csv", out.getvalue().encode(), "text/csv")},
    )
    check(preview.status_code == 200 and name in preview.text, "host A shows the preview of the uploaded file")
    confirm = Form(preview.text, "import_file_name")
    confirmed = admin.request(
        "POST", "/admin/organizations/organization/process_import/", via=args.host_b, data=confirm.data()
    )
    check(confirmed.status_code == 302, f"host B accepted the confirm of host A's preview ({confirmed.status_code})")
    listing = admin.request("GET", f"/admin/organizations/organization/?q={stamp}", via=args.host_b)
    check(name in listing.text, "the imported organization is there")
    check(
        "no longer valid" not in admin.request("GET", confirmed.headers["Location"], via=args.host_b).text,
        "the confirm was not refused as stale",
    )

    # The dashboard's figures come from the replica; the page answers through nginx.
    coordinator = Browser(args.proxy)
    coordinator.sign_in("coordinator", "demo")
    check(not replica_reads(args.replica_port), "no host has read the replica before the dashboard")
    check(coordinator.request("GET", "/").status_code == 200, "the coordinator's dashboard answers through nginx")
    reads = replica_reads(args.replica_port)
    check(
        any(any(f'"{app}_' in query for app in DASHBOARD_APPS) for query in reads),
        f"the dashboard's figures were read on the streaming replica ({[query[:60] for query in reads]})",
    )

    # The admin exports the organizations (searched for the import's name) through nginx: read on the replica, which
    # already streamed the rows the import wrote on the primary.
    exporting = f"/admin/organizations/organization/export/?q={stamp}"
    page = admin.request("GET", exporting)
    form = Form(page.text, "format")
    exported = admin.request("POST", exporting, data=form.data(format=csv_choice(page.text)))
    check(
        exported.status_code == 200 and name in exported.text,
        "the admin export has the organization imported",
        f"({exported.status_code}: {exported.text[:300]})",
    )
    reads = replica_reads(args.replica_port)
    # The export streams through a server-side cursor (kept on the replica, reached directly; none behind PgBouncer):
    # the connection's last statement is then the cursor's CLOSE.
    check(
        any("organizations_organization" in query or query.startswith('CLOSE "_django_curs_') for query in reads),
        f"the export was read on the streaming replica ({[query[:60] for query in reads]})",
    )

    # A mail: a password reset through nginx is queued on Redis and sent by the worker to the SMTP server.
    queue = redis.Redis(host="127.0.0.1", port=int(args.redis_port))
    pushed_before = queue.info("commandstats").get("cmdstat_rpush", {}).get("calls", 0)
    visitor = Browser(args.proxy)
    page = visitor.request("GET", "/accounts/password_reset/").text
    form = Form(page, "email")
    response = visitor.request("POST", "/accounts/password_reset/", data=form.data(email="partner@example.org"))
    check(response.status_code == 302, f"the password reset was accepted ({response.status_code})")
    pushed = queue.info("commandstats").get("cmdstat_rpush", {}).get("calls", 0) - pushed_before
    check(pushed >= 1, f"the mail's task went onto the Redis queue ({pushed} pushed)")
    deadline, mails = time.monotonic() + 60, []
    while time.monotonic() < deadline and not mails:
        mails = [path for path in glob.glob(f"{args.maildir}/new/*") if "partner@example.org" in Path(path).read_text()]
        time.sleep(0.3)
    check(bool(mails), "the worker on the Redis broker delivered the reset mail to the SMTP server")
    # The shared cache's keys carry the release of the code (config/release.py): both hosts run the same one.
    releases = {key.split(b":")[0] for key in queue.scan_iter(count=1000) if key.startswith(b"gap-")}
    check(len(releases) == 1, f"sessions are cached in the shared Redis, under one release's keys ({releases})")
    print("scale-out journey passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
