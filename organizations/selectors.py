"""Read-only queries of organizations that pages share."""

from core import stamps
from core.prepared import KEY, Prepared, PreparedForReader
from organizations.models import HeadcountSnapshot, Organization

# The directory's pages (organizations, their profiles and members, trainings) are drawn once per token of this
# stamp: a save or delete of any of these models renews it (organizations.apps). Rows of the apps above are named
# by label, as the pages read them by the reverse relations: nothing is imported upwards.
DIRECTORY_STAMP = "directory"
DIRECTORY_MODELS = (
    "organizations.Organization",
    "organizations.User",  # members' names
    "organizations.Membership",
    "organizations.HeadcountSnapshot",
    "sessions_log.TrainingSession",
    "sessions_log.Facilitator",
    "sessions_log.Attendance",
    "sessions_log.DiscussionTopic",
    "sessions_log.SessionTopic",
    "sessions_log.Story",
    "sessions_log.Finding",
    "actionplans.ActionPlan",  # counted on the list, listed on profiles and trainings with their status
    "accounts.Invitation",
    "accounts.AccountEvent",  # the members page's list of events
)


# The organization a page is about, read on every visit: written by the ORM once per process and kind of reader.
_ORGANIZATION = PreparedForReader(lambda reader, pk: Organization.objects.for_user(reader).filter(pk=pk), KEY)


def organization_for_user(*, user, pk):
    """One organization this person may see (coordinators any, partners their own), or 404."""
    return _ORGANIZATION.get_or_404(user, pk)


def directory_stamp():
    """The current token of the directory's stamp (one query)."""
    return stamps.token(DIRECTORY_STAMP)


# Read on every visit of a plan's editor: written by the ORM once per process (core.prepared).
_HEADCOUNTS = Prepared(
    lambda pk: HeadcountSnapshot.objects.filter(organization_id=pk).order_by("level", "-as_of"),
    KEY,
)


def latest_headcounts(*, organization):
    """The organization's most recent snapshot at each level, as {level: snapshot}."""
    latest = {}
    for snapshot in _HEADCOUNTS.objects(organization.pk):
        latest.setdefault(snapshot.level, snapshot)
    return latest
