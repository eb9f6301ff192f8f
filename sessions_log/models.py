from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.roles import is_coordinator
from organizations.models import Organization


class Barrier(models.TextChoices):
    LEGAL = "legal", _("Legal norms")
    SOCIO_CULTURAL = "socio_cultural", _("Socio-cultural norms")
    INFRASTRUCTURE = "infrastructure", _("Access to infrastructure")
    EMPLOYMENT = "employment", _("Employment")
    DECISION_MAKING = "decision_making", _("Participation in decision-making")
    VIOLENCE = "violence", _("Violence and harassment")
    CARE = "care", _("Care burden")
    OTHER = "other", _("Other")


class CoordinatorOnlyQuerySet(models.QuerySet):
    def for_user(self, user):
        """Everything for coordinators, nothing for anyone else (partners never see trainings' records)."""
        return self.all() if is_coordinator(user) else self.none()


def normalize_question(text):
    """A question as the library keeps it: spaces collapsed, none at either end."""
    return " ".join((text or "").split())


class DiscussionTopicQuerySet(CoordinatorOnlyQuerySet):
    def with_question(self, question):
        """The library's entry for this question whatever its case and spacing, or None."""
        return self.filter(question__iexact=normalize_question(question)).first()


class TrainingSession(models.Model):
    class Format(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")
        HYBRID = "hybrid", _("Hybrid")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    title = models.CharField(_("title"), max_length=255)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    format = models.CharField(_("format"), max_length=10, choices=Format.choices, default=Format.IN_PERSON)
    venue = models.CharField(_("venue or platform"), max_length=255, blank=True)
    language = models.CharField(_("language"), max_length=100, blank=True)
    host_organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_sessions",
        verbose_name=_("host organization"),
    )
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.HELD)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The one-time token of the form page that last saved this session: a second POST of the same page
    # (a double-clicked Save) finds it and changes nothing. Unique, so two racing POSTs cannot both create.
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CoordinatorOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-pk"]
        indexes = [
            models.Index(fields=["-start_date", "-id"], name="session_start"),
            models.Index(fields=["status", "start_date"], name="session_status_start"),
        ]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="session_end_not_before_start")
        ]
        permissions = [("export_trainingsession", _("Can export training sessions"))]

    def __str__(self):
        return f"{self.title} ({self.start_date:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("sessions_log:detail", args=[self.pk])

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})


class Facilitator(models.Model):
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="facilitators", verbose_name=_("session")
    )
    # A person's name: Russian says "имя", not the "название" of an organization's or a token's name.
    name = models.CharField(pgettext_lazy("person", "name"), max_length=255)
    affiliation = models.CharField(_("affiliation"), max_length=255, blank=True)

    objects = CoordinatorOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("facilitator")
        verbose_name_plural = _("facilitators")
        permissions = [("export_facilitator", _("Can export facilitators"))]

    def __str__(self):
        return f"{self.name} ({self.affiliation})" if self.affiliation else self.name


class AttendanceQuerySet(models.QuerySet):
    def for_user(self, user):
        """Attendance rows this user may see: all for coordinators, their own organizations' for partners."""
        return self.filter(organization__in=Organization.objects.for_user(user))


class Attendance(models.Model):
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("session")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="attendances", verbose_name=_("organization")
    )
    women = models.PositiveIntegerField(_("women"), default=0)
    men = models.PositiveIntegerField(_("men"), default=0)
    not_stated = models.PositiveIntegerField(_("not stated"), default=0)
    note = models.CharField(_("note"), max_length=255, blank=True)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        ordering = ["organization__name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "organization"], name="attendance_unique_session_organization"),
            models.CheckConstraint(
                condition=Q(women__gte=0) & Q(men__gte=0) & Q(not_stated__gte=0),
                name="attendance_counts_not_negative",
            ),
        ]
        permissions = [("export_attendance", _("Can export attendance"))]

    def __str__(self):
        return f"{self.organization} at {self.session}"

    @property
    def total(self):
        return self.people(women=self.women, men=self.men, not_stated=self.not_stated)

    @staticmethod
    def people(*, women, men, not_stated):
        """How many people a row of attendance counts (for rows read without building an Attendance)."""
        return women + men + not_stated


class DiscussionTopic(models.Model):
    """A question in the reusable library, grouped by theme."""

    question = models.CharField(_("question"), max_length=500, unique=True)
    theme = models.CharField(_("theme"), max_length=100, blank=True)
    notes = models.TextField(_("notes for facilitators"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = DiscussionTopicQuerySet.as_manager()

    class Meta:
        ordering = ["theme", "question"]
        verbose_name = _("discussion topic")
        verbose_name_plural = _("discussion topics")
        permissions = [("export_discussiontopic", _("Can export discussion topics"))]

    def __str__(self):
        return self.question


class SessionTopic(models.Model):
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="session_topics", verbose_name=_("session")
    )
    # PROTECT: a topic used by a session is never deleted, only deactivated.
    topic = models.ForeignKey(
        DiscussionTopic, on_delete=models.PROTECT, related_name="session_topics", verbose_name=_("topic")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    key_points = models.TextField(_("key points raised"), blank=True)

    objects = CoordinatorOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("session topic")
        verbose_name_plural = _("session topics")
        constraints = [models.UniqueConstraint(fields=["session", "topic"], name="sessiontopic_unique_session_topic")]
        permissions = [("export_sessiontopic", _("Can export session topics"))]

    def __str__(self):
        return f"{self.order}. {self.topic}"

    @staticmethod
    def choose_topic(*, topic, new_question):
        """The question a row is about, as (library topic or None, new question or "").

        Either a question from the library or a new one, not both and not neither (ValidationError on the
        field to fix). A typed question already in the library is that entry, not a duplicate.
        """
        question = normalize_question(new_question)
        if topic and question:
            raise ValidationError({"new_question": _("Pick a question or type a new one, not both.")})
        if not topic and not question:
            raise ValidationError({"topic": _("Pick a question from the library, or type a new one.")})
        if question:
            return DiscussionTopic.objects.with_question(question), question
        return topic, ""


class Story(models.Model):
    """A participant's account under a pseudonym. Coordinators only; never exported, never shown to partners."""

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="stories", verbose_name=_("session")
    )
    pseudonym = models.CharField(
        _("pseudonym"), max_length=100, help_text=_("A changed name, never the participant's real name.")
    )
    role_context = models.CharField(_("role or context"), max_length=255, blank=True)
    text = models.TextField(_("story"))
    barriers = models.JSONField(_("barriers"), default=list, blank=True)
    consent_obtained = models.BooleanField(
        _("consent obtained"), default=False, help_text=_("The participant agreed that the story is recorded.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CoordinatorOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        constraints = [models.CheckConstraint(condition=Q(consent_obtained=True), name="story_consent_required")]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """The pseudonym marked as a changed name, once: "Aigul (name changed)" is not marked again."""
        if self.pseudonym_is_marked(self.pseudonym):
            return self.pseudonym
        return _("%(pseudonym)s (name changed)") % {"pseudonym": self.pseudonym}

    @staticmethod
    def pseudonym_is_marked(pseudonym):
        """Whether the person already wrote "(name changed)" after the name, in any of the site's languages."""
        typed = " ".join((pseudonym or "").split()).casefold()
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                marker = (_("%(pseudonym)s (name changed)") % {"pseudonym": ""}).strip().casefold()
            if marker and typed.endswith(marker):
                return True
        return False

    def clean(self):
        if not self.consent_obtained:
            raise ValidationError(
                {"consent_obtained": _("A story can only be recorded with the participant's consent.")}
            )
        unknown = set(self.barriers or []) - set(Barrier.values)
        if unknown:
            raise ValidationError({"barriers": _("Unknown barrier category: %s") % ", ".join(sorted(unknown))})

    def get_barriers_display(self):
        labels = dict(Barrier.choices)
        return [labels.get(value, value) for value in self.barriers or []]


class Finding(models.Model):
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="findings", verbose_name=_("session")
    )
    statement = models.TextField(_("statement"))
    # No default: a finding is about a barrier the person chooses ("Other" was picked by not choosing).
    barrier = models.CharField(_("barrier"), max_length=20, choices=Barrier.choices)
    order = models.PositiveIntegerField(_("order"), default=0)

    objects = CoordinatorOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        permissions = [("export_finding", _("Can export findings"))]

    def __str__(self):
        return self.statement[:80]
