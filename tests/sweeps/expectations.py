"""Who gets what on every URL of the app: the one table the access and CSRF sweeps read.

One line per URL name. A new URL pattern without a line fails tests/sweeps/test_access_sweep.py, so adding a page
is adding its line here (usually with one of the profiles below):

    "assessments:detail": Page("assessment", READ_A),

`Page(obj, get, post)`: `obj` names organization A's object whose id fills `<pk>` (see tests/sweeps/world.py;
other keywords are filled from DEFAULT_KWARGS or `kwargs=`); `get` and `post` give the answer of each role, in the
order of ROLES: coordinator, partner (editor of A), viewer (of A), partner_b (editor of B), staff (no permission),
admin (superuser), anonymous. An answer is an HTTP status, or

- `login`: the redirect to the sign-in page (`/accounts/login/?next=...`);
- `admin`: the redirect to the back office's sign-in (`/admin/login/?next=...`);
- `ok`: an answer to what was posted: 200, a redirect, 400 or 409 (the form or data refused with a message);
- `-`: any answer but a server error (say why beside the line).

For POST, `w` after the status marks a role that may write there (its POST writes and is rolled back); every other
role's POST must change nothing in the database. `post=None`: the URL takes no POST (it must write nothing and
answer 403/405, or the page again). `method="put"` where the URL writes with another method. Organization B's
editor and staff without permission must get the same answer for A's ids as for ids no row has (a 404 that reveals
nothing).
"""

from dataclasses import dataclass, field

ROLES = ["coordinator", "partner", "viewer", "partner_b", "staff", "admin", "anonymous"]


@dataclass(frozen=True)
class Page:
    obj: str | None = None
    get: str = ""
    post: str | None = None
    kwargs: dict = field(default_factory=dict)
    # The keywords that carry organization A's ids (outsiders get the same answer for MISSING in their place).
    # Why a GET of this page may write (e.g. the pending authenticator the set-up page shows); empty: it may not.
    get_writes: str = ""
    method: str = "post"  # how the URL writes (the API's report is written with PUT)
    ids_of_a: tuple = ("pk", "action_pk", "indicator_pk", "evidence_pk", "membership_pk", "object_id", "id", "number")

    def expected(self, method, role):
        spec = self.get if method == "get" else self.post
        if spec is None:
            return None
        tokens = spec.split()
        assert len(tokens) == len(ROLES), f"{spec!r}: one answer per role ({', '.join(ROLES)})"
        return tokens[ROLES.index(role)]


# Keywords every URL fills the same way: world keys (tests/sweeps/world.py) or literal values.
DEFAULT_KWARGS = {
    "action_pk": "action",
    "indicator_pk": "indicator",
    "evidence_pk": "evidence",
    "membership_pk": "membership",
    "number": 3,  # A's approved plan: period 3 has no report yet (1 and 2 are accepted)
    "token": "invitation_token",
    "uidb64": "MQ",
    "name": "action-plan-progress",
    "file_format": "csv",
}

# Profiles: GET answers.            coordinator partner viewer partner_b staff admin anonymous
PUBLIC = "200 200 200 200 200 200 200"
SIGNED_IN = "200 200 200 200 200 200 login"
READ_A = "200 200 200 404 404 200 login"  # A's pages: coordinators and A's members
EDIT_A = "403 200 403 404 404 403 login"  # A's editors; those who may read are told no
COORDINATORS = "200 404 404 404 404 200 login"  # coordinator work: partners and staff see nothing
POST_ONLY = "405 405 405 405 405 405 405"
API_LIST = "200 200 200 200 200 200 401"  # lists hold only the rows one may see
API_READ_A = "200 200 200 404 404 200 401"
API_COORDINATORS = "200 404 404 404 404 200 401"
API_POST_ONLY = "405 405 405 405 405 405 401"
BACK_OFFICE = "admin admin admin admin 403 200 admin"
# A model's object pages: staff without permission get 404 for every id alike (issue 17 §9); the superuser's answer
# depends on the model (read-only models, ids of empty tables), only never a 500.
BACK_OFFICE_OBJECT = "admin admin admin admin 404 - admin"
# POST answers.
WRITE_A = "403 ok.w 403 404 404 403 login"
COORDINATOR_WRITE = "ok.w 404 404 404 404 ok.w login"
OWN_ACCOUNT_WRITE = "ok.w ok.w ok.w ok.w ok.w ok.w login"  # one's own account and notifications
BACK_OFFICE_WRITE = "admin admin admin admin 403 -.w admin"  # the superuser: as for BACK_OFFICE_OBJECT
BACK_OFFICE_OBJECT_WRITE = "admin admin admin admin 404 -.w admin"
API_WRITE_A = "ok.w ok.w 403 404 404 ok.w 401"
NOT_THERE = "405 405 405 405 405 405 401"  # the API answers a method a URL does not take with 405

PAGES = {
    "home": Page(None, SIGNED_IN),
    "healthz": Page(None, PUBLIC),
    "ping": Page(None, PUBLIC),
    "login": Page(None, "302 302 302 302 302 302 200", "ok.w ok.w ok.w ok.w ok.w ok.w ok.w"),
    "logout": Page(None, POST_ONLY, "ok.w ok.w ok.w ok.w ok.w ok.w ok"),
    "password_reset": Page(None, PUBLIC, "ok.w ok.w ok.w ok.w ok.w ok.w ok.w"),
    "password_reset_done": Page(None, PUBLIC),
    "password_reset_confirm": Page(None, PUBLIC, "200 200 200 200 200 200 200", kwargs={"token": "not-a-token"}),
    "password_reset_complete": Page(None, PUBLIC),
    "password_change": Page(None, SIGNED_IN, OWN_ACCOUNT_WRITE),
    "password_change_done": Page(None, SIGNED_IN),
    "accounts:coordinator_invitations": Page(None, "404 404 404 404 404 200 login", "404 404 404 404 404 ok.w login"),
    "accounts:invitation_resend": Page("invitation", POST_ONLY, COORDINATOR_WRITE),
    "accounts:invitation_revoke": Page("invitation", POST_ONLY, COORDINATOR_WRITE),
    "accounts:invitation_accept": Page(None, PUBLIC, "ok.w ok.w ok.w ok.w ok.w ok.w ok.w"),
    "accounts:two_factor": Page(None, SIGNED_IN, OWN_ACCOUNT_WRITE),
    "accounts:two_factor_setup": Page(
        None, SIGNED_IN, OWN_ACCOUNT_WRITE, get_writes="the pending authenticator whose QR code it shows"
    ),
    "accounts:two_factor_verify": Page(None, "302 302 302 302 302 302 login", OWN_ACCOUNT_WRITE),
    # Shown once, right after set-up (tests/accounts/test_two_factor.py): without codes waiting, a 404.
    "accounts:two_factor_recovery_codes": Page(None, POST_ONLY, "404 404 404 404 404 404 login"),
    "accounts:two_factor_remove": Page(None, POST_ONLY, OWN_ACCOUNT_WRITE),
    "accounts:members": Page("organization", COORDINATORS, COORDINATOR_WRITE),
    "accounts:membership_role": Page("organization", POST_ONLY, COORDINATOR_WRITE),
    "accounts:membership_end": Page("organization", COORDINATORS, COORDINATOR_WRITE),
    "set_language": Page(None, POST_ONLY, "ok.w ok.w ok.w ok.w ok.w ok.w ok.w"),
    "organizations:list": Page(None, COORDINATORS),
    "organizations:create": Page(None, COORDINATORS, COORDINATOR_WRITE),
    "organizations:detail": Page("organization", READ_A),
    "organizations:edit": Page("organization", COORDINATORS, COORDINATOR_WRITE),
    "organizations:add_snapshot": Page("organization", COORDINATORS, COORDINATOR_WRITE),
    "sessions_log:list": Page(None, COORDINATORS),
    "sessions_log:create": Page(None, COORDINATORS, COORDINATOR_WRITE),
    "sessions_log:detail": Page("session", COORDINATORS),
    "sessions_log:edit": Page("session", COORDINATORS, COORDINATOR_WRITE),
    "sessions_log:print": Page("session", COORDINATORS),
    "sessions_log:pdf": Page("session", COORDINATORS),
    "sessions_log:topics": Page(None, COORDINATORS),
    "sessions_log:topic_create": Page(None, COORDINATORS, COORDINATOR_WRITE),
    "sessions_log:topic_edit": Page("topic", COORDINATORS, COORDINATOR_WRITE),
    "sessions_log:topic_toggle": Page("topic", POST_ONLY, COORDINATOR_WRITE),
    "sessions_log:topic_delete": Page("topic", POST_ONLY, COORDINATOR_WRITE),
    "actionplans:launch": Page("session", COORDINATORS, COORDINATOR_WRITE),
    "actionplans:list": Page(None, SIGNED_IN),
    "actionplans:detail": Page("plan", READ_A),
    "actionplans:edit": Page("plan_draft", EDIT_A, WRITE_A),
    "actionplans:print": Page("plan", READ_A),
    "actionplans:pdf": Page("plan", READ_A),
    "actionplans:submit": Page("plan_draft", POST_ONLY, WRITE_A),
    "actionplans:review": Page("plan_submitted", COORDINATORS, COORDINATOR_WRITE),
    "actionplans:complete": Page("plan", COORDINATORS, COORDINATOR_WRITE),
    "actionplans:archive": Page("plan", COORDINATORS, COORDINATOR_WRITE),
    "actionplans:restore": Page("plan_completed", COORDINATORS, COORDINATOR_WRITE),
    # A's approved plan reports by period: its editor is sent to the reports (302), not to the old form.
    "actionplans:progress": Page("plan", "403 302 403 404 404 403 login", WRITE_A),
    "actionplans:action_status": Page("plan", POST_ONLY, WRITE_A),
    "actionplans:measure": Page("plan", "403 302 403 404 404 403 login", WRITE_A),
    "actionplans:evidence": Page("plan", READ_A),
    "actionplans:schedule": Page("plan", COORDINATORS, COORDINATOR_WRITE),
    "actionplans:period_targets": Page("plan", POST_ONLY, COORDINATOR_WRITE),
    "actionplans:report": Page("plan", READ_A),
    "actionplans:report_edit": Page("plan", EDIT_A, WRITE_A),
    "actionplans:report_review": Page("plan_completed", POST_ONLY, COORDINATOR_WRITE, kwargs={"number": 4}),
    "actionplans:report_reopen": Page("plan_completed", POST_ONLY, COORDINATOR_WRITE, kwargs={"number": 1}),
    "actionplans:report_print": Page("plan", READ_A),
    "actionplans:report_pdf": Page("plan", READ_A),
    "actionplans:reports": Page(None, COORDINATORS),
    "dashboard:index": Page(None, COORDINATORS),
    # The API's schema and its documentation page are public (they describe the API, they hold no data).
    "api:schema": Page(None, PUBLIC),
    "api:docs": Page(None, PUBLIC),
    "api:tokens": Page(None, SIGNED_IN, OWN_ACCOUNT_WRITE),
    "api:token_revoke": Page("token", POST_ONLY, "404 ok.w 404 404 404 404 login"),  # the editor's own token
    "api:report": Page(None, API_LIST, NOT_THERE),
    "api:api-root": Page(None, API_LIST, NOT_THERE),
    "api:organization-list": Page(None, API_LIST, NOT_THERE),
    "api:organization-detail": Page("organization", API_READ_A, NOT_THERE),
    "api:organization-add-headcounts": Page("organization", API_POST_ONLY, API_WRITE_A),
    "api:headcount-list": Page(None, API_LIST, NOT_THERE),
    "api:headcount-detail": Page("headcount", API_READ_A, NOT_THERE),
    "api:training-list": Page(None, API_LIST, NOT_THERE),
    "api:training-detail": Page("session", API_COORDINATORS, NOT_THERE),
    "api:topic-list": Page(None, API_LIST, NOT_THERE),
    "api:topic-detail": Page("topic", API_COORDINATORS, NOT_THERE),
    "api:plan-list": Page(None, API_LIST, NOT_THERE),
    "api:plan-detail": Page("plan", API_READ_A, NOT_THERE),
    "api:action-list": Page(None, API_LIST, NOT_THERE),
    "api:action-detail": Page("action", API_READ_A, NOT_THERE),
    "api:indicator-list": Page(None, API_LIST, NOT_THERE),
    "api:indicator-detail": Page("indicator", API_READ_A, NOT_THERE),
    "api:indicator-add-measurement": Page("indicator", API_POST_ONLY, "403 ok.w 403 404 404 403 401"),
    "api:measurement-list": Page(None, API_LIST, NOT_THERE),
    "api:measurement-detail": Page("measurement", API_READ_A, NOT_THERE),
    "api:period-list": Page(None, API_LIST, NOT_THERE),
    "api:period-detail": Page("period", API_READ_A, NOT_THERE),
    "api:period-write-report": Page("period", API_POST_ONLY, "403 ok.w 403 404 404 403 401", method="put"),
    "api:period-report-list": Page(None, API_LIST, NOT_THERE),
    "api:period-report-detail": Page("period_report", API_READ_A, NOT_THERE),
    "assessments:list": Page(None, SIGNED_IN),  # each sees the assessments they may read
    # The list's form names the organization: posted without one, nobody starts an assessment.
    "assessments:start": Page(None, POST_ONLY, "404 404 404 404 404 404 login"),
    "assessments:detail": Page("assessment", READ_A),
    "assessments:edit": Page("assessment_draft", EDIT_A, WRITE_A),
    "assessments:submit": Page("assessment_draft", POST_ONLY, WRITE_A),
    "assessments:validate": Page("assessment_submitted", COORDINATORS, COORDINATOR_WRITE),
    "assessments:evidence": Page(
        "assessment_draft", READ_A, kwargs={"answer_pk": "answer"}, ids_of_a=("pk", "answer_pk")
    ),
    "assessments:questions": Page(None, COORDINATORS),
    "assessments:question_new": Page(None, COORDINATORS, COORDINATOR_WRITE),
    "assessments:question_edit": Page("question", COORDINATORS, COORDINATOR_WRITE),
    "assessments:question_toggle": Page("question", POST_ONLY, COORDINATOR_WRITE),
    "assessments:library": Page(None, COORDINATORS),
    "assessments:suggestion_new": Page(None, COORDINATORS, COORDINATOR_WRITE),
    "assessments:suggestion_edit": Page("suggestion", COORDINATORS, COORDINATOR_WRITE),
    "assessments:suggestion_toggle": Page("suggestion", POST_ONLY, COORDINATOR_WRITE),
    "assessments:suggestions": Page(None, EDIT_A, kwargs={"plan_pk": "plan_draft"}, ids_of_a=("plan_pk",)),
    "assessments:take": Page(
        None,
        POST_ONLY,
        WRITE_A,
        kwargs={"plan_pk": "plan_draft", "suggestion_pk": "suggestion"},
        ids_of_a=("plan_pk",),
    ),
    "exports:list": Page(None, SIGNED_IN),  # one's own exports only
    "exports:download": Page("export", "404 200 404 404 404 404 login"),  # its owner's (A's editor) only
    "organizations:lookup": Page(None, SIGNED_IN),  # the picker's answers: a partner finds only their own
    "sessions_log:lookup": Page(None, COORDINATORS),
    "sessions_log:topic_lookup": Page(None, COORDINATORS),
    "dashboard:decision_making": Page(None, COORDINATORS),
    "notifications:list": Page(None, SIGNED_IN),
    "notifications:open": Page("notification", POST_ONLY, "404 ok.w 404 404 404 404 login"),  # the editor's own
    "notifications:read_all": Page(None, POST_ONLY, OWN_ACCOUNT_WRITE),
    "notifications:settings": Page(None, SIGNED_IN, OWN_ACCOUNT_WRITE),
    "backoffice_reports": Page(None, BACK_OFFICE),
    "report_download": Page(None, BACK_OFFICE),
}

# The back office (Django's admin): the site's own pages by name, every model's pages by kind.
ADMIN = {
    "admin:index": Page(None, "admin admin admin admin 200 200 admin"),  # staff without permission: an empty index
    # Posting the sign-in form is a sign-in attempt, which django-axes records (a write) for everyone.
    "admin:login": Page(None, "200 200 200 200 302 302 200", "ok.w ok.w ok.w ok.w ok.w ok.w ok.w"),
    "admin:logout": Page(None, "302 302 302 302 405 405 302", "ok ok ok ok ok.w ok.w ok"),
    "admin:password_change": Page(
        None, "admin admin admin admin 200 200 admin", "admin admin admin admin ok.w ok.w admin"
    ),
    "admin:password_change_done": Page(None, "admin admin admin admin 200 200 admin"),
    "admin:autocomplete": Page(None, "admin admin admin admin 403 403 admin"),  # without its parameters
    "admin:jsi18n": Page(None, "admin admin admin admin 200 200 admin"),
    # The shortcut answers 404 alike to people without the model's permission (issue 17 §9); coordinators hold
    # view permissions, so they are sent to the back office's sign-in, which they cannot pass.
    "admin:view_on_site": Page(
        None,
        "admin 404 404 404 404 302 404",
        kwargs={"content_type_id": "organization_type", "object_id": "organization"},
        ids_of_a=("object_id",),
    ),
    "admin:app_list": Page(None, "admin admin admin admin 404 200 admin", kwargs={"app_label": "actionplans"}),
    "admin:catch_all": Page(None, "admin admin admin admin 404 404 admin"),
    "admin:object_redirect": Page(None, "admin admin admin admin 302 302 admin"),  # to the change page
    "admin:changelist": Page(None, BACK_OFFICE, BACK_OFFICE_WRITE),
    "admin:add": Page(None, BACK_OFFICE.replace("200", "-"), BACK_OFFICE_WRITE),
    "admin:change": Page(None, BACK_OFFICE_OBJECT, BACK_OFFICE_OBJECT_WRITE),
    "admin:delete": Page(None, BACK_OFFICE_OBJECT, BACK_OFFICE_OBJECT_WRITE),
    "admin:history": Page(None, BACK_OFFICE_OBJECT),
    "admin:simple_history": Page(None, BACK_OFFICE_OBJECT, BACK_OFFICE_OBJECT_WRITE),
    "admin:export": Page(None, BACK_OFFICE, BACK_OFFICE_WRITE),
    "admin:import": Page(None, BACK_OFFICE, BACK_OFFICE_WRITE),
    "admin:process_import": Page(None, "admin admin admin admin 405 405 admin", BACK_OFFICE_WRITE),
    "admin:auth_user_password_change": Page(None, BACK_OFFICE, BACK_OFFICE_WRITE),
}
