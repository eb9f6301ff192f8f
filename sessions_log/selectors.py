"""Read-only queries and summaries of trainings that pages share (writes are in services.py)."""

import uuid

from core import stamps
from core.figures import share_of_women
from organizations.models import OrganizationKind
from sessions_log.models import Barrier, TrainingSession

# The topic library is drawn once per token of this stamp (its questions and how often trainings used them;
# deleting a training deletes its topic rows, which renews it): sessions_log.apps connects it.
TOPICS_STAMP = "topics"
TOPICS_MODELS = ("sessions_log.DiscussionTopic", "sessions_log.SessionTopic")


# A training's form kept whole for each coordinator (core.kept): the database renews this stamp on every write to
# the tables it reads (sessions_log.apps): every table of this app, and these.
TRAINING_PAGES_STAMP = "training_pages"
TRAINING_PAGES_OTHER_MODELS = ("organizations.Organization", "organizations.User")


def topics_stamp():
    """The current token of the topic library's stamp (one query)."""
    return stamps.token(TOPICS_STAMP)


def training_session_saved_with(*, token):
    """The session that a page with this one-time token already saved, or None."""
    try:
        token = uuid.UUID(str(token))
    except ValueError:
        return None
    return TrainingSession.objects.filter(submission_token=token).first()


def attendance_summary(*, attendances):
    """Totals of the given attendance rows by gender and by organization kind, with the share of women."""

    kinds = {}
    totals = {"organizations": 0, "women": 0, "men": 0, "not_stated": 0}
    for attendance in attendances:
        row = kinds.setdefault(
            attendance.organization.kind, {"organizations": 0, "women": 0, "men": 0, "not_stated": 0}
        )
        for bucket in (row, totals):
            bucket["organizations"] += 1
            bucket["women"] += attendance.women
            bucket["men"] += attendance.men
            bucket["not_stated"] += attendance.not_stated
    by_kind = []
    for value, label in OrganizationKind.choices:
        if value in kinds:
            row = kinds[value]
            row["total"] = row["women"] + row["men"] + row["not_stated"]
            by_kind.append({"kind": label, **row, "share_of_women": share_of_women(row["women"], row["total"])})
    totals["total"] = totals["women"] + totals["men"] + totals["not_stated"]
    totals["share_of_women"] = share_of_women(totals["women"], totals["total"])
    return {"by_kind": by_kind, "totals": totals}


def findings_by_barrier(*, findings):
    """Findings grouped under their barrier, in the order of the Barrier choices."""
    groups = {value: [] for value in Barrier.values}
    for finding in findings:
        groups.setdefault(finding.barrier, []).append(finding)
    labels = dict(Barrier.choices)
    return [(labels.get(value, value), items) for value, items in groups.items() if items]


def training_session_duplicates(*, user, title, start_date, organization_ids, exclude_pk=None):
    """Trainings this one may repeat: the same title and start date, or the same start date and most (more
    than half) of the same attending organizations. Recording the 2021 training twice doubled its
    participants on the dashboard, so the page shows these and asks before saving.
    """
    if not start_date:
        return []
    same_day = TrainingSession.objects.for_user(user).filter(start_date=start_date).prefetch_related("attendances")
    if exclude_pk:
        same_day = same_day.exclude(pk=exclude_pk)
    organization_ids = set(organization_ids)
    duplicates = []
    for session in same_day:
        if title and session.title.strip().casefold() == title.strip().casefold():
            duplicates.append(session)
            continue
        theirs = {attendance.organization_id for attendance in session.attendances.all()}
        both = theirs | organization_ids
        if organization_ids and theirs and len(theirs & organization_ids) * 2 > len(both):
            duplicates.append(session)
    return duplicates


def training_document(*, session, user, include_stories=False):
    """What the printed training report holds, read in a fixed number of queries whatever the training's size.

    Attendance rows carry their total and share of women; plans launched from the training are read through
    their own door (``for_user``) by the reverse relation, since sessions_log sits below actionplans.
    """
    attendances = list(session.attendances.select_related("organization").order_by("organization__name"))
    for attendance in attendances:
        attendance.share_of_women = share_of_women(attendance.women, attendance.total)
    return {
        "session": session,
        "facilitators": list(session.facilitators.all()),
        "attendances": attendances,
        "summary": attendance_summary(attendances=attendances),
        "topics": list(session.session_topics.select_related("topic")),
        "findings": findings_by_barrier(findings=session.findings.all()),
        "stories": list(session.stories.all()) if include_stories else [],
        "include_stories": include_stories,
        "plans": list(
            session.action_plans.for_user(user).select_related("organization").order_by("organization__name")
        ),
    }
