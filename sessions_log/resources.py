"""Import/export resources of the sessions_log app, and the Training reach report.

Stories have no resource on purpose: a participant's account never leaves the app.
"""

from django.utils.translation import gettext_lazy as _

from core.exports import BackOfficeResource, ChoicesWidget, IsoDateWidget, computed, related
from core.imports import ImportableResource
from organizations.models import OrganizationKind, Region
from sessions_log.models import Attendance, DiscussionTopic, Facilitator, Finding, SessionTopic, TrainingSession


class TrainingSessionResource(BackOfficeResource):
    # Not "format": the admin's export form has a field of that name, and the two would collide.
    training_format = related("format", _("Format"), ChoicesWidget(TrainingSession.Format.choices))
    host_organization = related("host_organization__name", _("Host organization"))
    export_select_related = ("host_organization",)
    dehydrate_related = ()

    class Meta:
        model = TrainingSession
        name = _("Training sessions")
        fields = (
            "title",
            "start_date",
            "end_date",
            "training_format",
            "venue",
            "language",
            "host_organization",
            "status",
            "summary",
        )


class FacilitatorResource(BackOfficeResource):
    session = related("session__title", _("Session"))
    session_date = related("session__start_date", _("Session date"), IsoDateWidget())
    export_select_related = ("session",)
    dehydrate_related = ()

    class Meta:
        model = Facilitator
        name = _("Facilitators")
        fields = ("session", "session_date", "name", "affiliation")


def attendance_total(resource, attendance):
    """The Total column: ``Attendance.people()`` of a row read as a tuple of its counts (``dehydrate_fields``)."""
    return Attendance.people(women=attendance.women, men=attendance.men, not_stated=attendance.not_stated)


class AttendanceResource(BackOfficeResource):
    session = related("session__title", _("Session"))
    session_date = related("session__start_date", _("Session date"), IsoDateWidget())
    organization = related("organization__name", _("Organization"))
    total = computed(_("Total"))
    export_select_related = ("session", "organization")
    dehydrate_related = ()
    dehydrate_fields = ("women", "men", "not_stated")  # Attendance.people(): rows read as tuples, not objects

    class Meta:
        model = Attendance
        name = _("Attendance")
        fields = ("session", "session_date", "organization", "women", "men", "not_stated", "total", "note")

    dehydrate_total = attendance_total


class TrainingReachResource(BackOfficeResource):
    """Report: one row per session and attending organization, with the women and men who came."""

    report_name = "training-reach"
    sheet_title = _("Training reach")
    plan_path = None  # about trainings, not plans: the plan status filter does not apply
    organization_path = "organization"
    session_path = "session"

    date = related("session__start_date", _("Date"), IsoDateWidget())
    session = related("session__title", _("Session"))
    session_format = related("session__format", _("Format"), ChoicesWidget(TrainingSession.Format.choices))
    organization = related("organization__name", _("Organization"))
    kind = related("organization__kind", _("Kind"), widget=ChoicesWidget(OrganizationKind.choices))
    region = related("organization__region", _("Region"), widget=ChoicesWidget(Region.choices))
    total = computed(_("Total"))
    export_select_related = ("session", "organization")
    dehydrate_related = ()
    dehydrate_fields = ("women", "men", "not_stated")  # Attendance.people()

    class Meta:
        model = Attendance
        name = _("Report: training reach (one row per session and organization)")
        fields = (
            "date",
            "session",
            "session_format",
            "organization",
            "kind",
            "region",
            "women",
            "men",
            "not_stated",
            "total",
        )
        export_order = fields

    dehydrate_total = attendance_total

    @staticmethod
    def in_year(queryset, year):
        """Attendance at sessions that started in the year."""
        return queryset.filter(session__start_date__year=year)

    @staticmethod
    def report_queryset():
        return Attendance.objects.order_by("session__start_date", "session__title", "organization__name")


class DiscussionTopicResource(ImportableResource):
    """The topic library; imported by question (re-importing updates, never duplicates)."""

    required_columns = ("question",)

    class Meta:
        model = DiscussionTopic
        name = _("Discussion topics")
        fields = ("question", "theme", "notes", "is_active")
        import_id_fields = ("question",)


class SessionTopicResource(BackOfficeResource):
    session = related("session__title", _("Session"))
    session_date = related("session__start_date", _("Session date"), IsoDateWidget())
    topic = related("topic__question", _("Question"))
    export_select_related = ("session", "topic")
    dehydrate_related = ()

    class Meta:
        model = SessionTopic
        name = _("Session topics")
        fields = ("session", "session_date", "order", "topic", "key_points")


class FindingResource(BackOfficeResource):
    session = related("session__title", _("Session"))
    session_date = related("session__start_date", _("Session date"), IsoDateWidget())
    export_select_related = ("session",)
    dehydrate_related = ()

    class Meta:
        model = Finding
        name = _("Findings")
        fields = ("session", "session_date", "order", "barrier", "statement")
