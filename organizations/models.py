from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.figures import share_of_women
from core.roles import is_coordinator


class User(AbstractUser):
    """The project's own user model, so that profile fields can be added without a painful migration."""

    # Blank: follow the browser (language cookie, then Accept-Language). Set by the header's language switcher
    # and applied again at every sign-in, on any browser (core.language.UserLanguageMiddleware).
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the pages for this person; empty follows the browser."),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")


class OrganizationKind(models.TextChoices):
    STATE_BODY = "state_body", _("State body")
    LOCAL_CSO = "local_cso", _("Local civil-society organization")
    NATIONAL_CSO = "national_cso", _("National civil-society organization")
    RESEARCH = "research", _("Research institute")
    INTERNATIONAL = "international", _("International organization")
    PRIVATE = "private", _("Private sector")
    OTHER = "other", _("Other")


class Region(models.TextChoices):
    BISHKEK = "bishkek", _("Bishkek city")
    OSH_CITY = "osh_city", _("Osh city")
    BATKEN = "batken", _("Batken region")
    CHUI = "chui", _("Chui region")
    ISSYK_KUL = "issyk_kul", _("Issyk-Kul region")
    JALAL_ABAD = "jalal_abad", _("Jalal-Abad region")
    NARYN = "naryn", _("Naryn region")
    OSH = "osh", _("Osh region")
    TALAS = "talas", _("Talas region")
    NATIONWIDE = "nationwide", _("Nationwide")
    ABROAD = "abroad", _("Outside Kyrgyzstan")


class OrganizationQuerySet(models.QuerySet):
    def for_user(self, user):
        """Organizations this user may see: all for coordinators, their own for partners."""
        if is_coordinator(user):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(pk__in=Membership.objects.filter(user=user).values("organization_id"))

    def active(self):
        """Organizations still in the programme."""
        return self.filter(is_active=True)


class Organization(models.Model):
    name = models.CharField(_("name"), max_length=255, unique=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, blank=True)
    contact_person = models.CharField(_("contact person"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # The language the organization writes in: its launched plans' titles, its printed documents and the
    # default for invitations to its people.
    language = models.CharField(
        _("working language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        # Also in the database, so rows written by code that predates the field (old migrations' models) get it.
        db_default="en",
        help_text=_("Used for its plans' titles, its printed documents and its invitations."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        permissions = [
            ("coordinate", _("Can coordinate the programme: all organizations, trainings and plans")),
            ("view_dashboard", _("Can read the programme dashboard (every organization's figures)")),
            ("export_organization", _("Can export organizations")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organizations:detail", args=[self.pk])

    @property
    def website_link(self):
        """The website as a link target only when it is an http(s) address; a ``javascript:`` or other value
        (written by some path that skipped the form's URL check) is shown as text, never linked."""
        website = (self.website or "").strip()
        return website if website.lower().startswith(("http://", "https://")) else ""


class MembershipQuerySet(models.QuerySet):
    def for_user(self, user):
        """Memberships this user may see: all for coordinators, their own organizations' for partners."""
        if is_coordinator(user):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(organization__in=Organization.objects.for_user(user))


class Membership(models.Model):
    class Role(models.TextChoices):
        EDITOR = "editor", _("Editor")
        VIEWER = "viewer", _("Viewer")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organization")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organization__name", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="membership_unique_user_organization")
        ]
        permissions = [("export_membership", _("Can export memberships"))]

    def __str__(self):
        return f"{self.user} · {self.organization} ({self.get_role_display()})"


class Level(models.TextChoices):
    GOVERNING = "governing", _("Governing body")
    MANAGEMENT = "management", _("Management and decision-making")
    PROFESSIONAL = "professional", _("Professional and technical")
    ADMINISTRATIVE = "administrative", _("Administrative and support")
    PARTICIPANTS = "participants", _("Project participants")


class HeadcountSnapshotQuerySet(models.QuerySet):
    def for_user(self, user):
        """Snapshots this user may see: all for coordinators, their own organizations' for partners."""
        return self.filter(organization__in=Organization.objects.for_user(user))

    def levels_taken(self, *, organization, as_of, levels):
        """Which of ``levels`` already have this organization's snapshot on ``as_of`` (one per date and level)."""
        return list(
            self.filter(organization=organization, as_of=as_of, level__in=levels).values_list("level", flat=True)
        )


class HeadcountSnapshot(models.Model):
    """How many women and men an organization has at one level on one date (its gender profile)."""

    # One snapshot per organization, date and level: the form and headcount_snapshots_add() say so alike.
    LEVEL_TAKEN = _("%(level)s already has a snapshot on this date.")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="headcounts", verbose_name=_("organization")
    )
    as_of = models.DateField(_("as of"))
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    women = models.PositiveIntegerField(_("women"), default=0)
    men = models.PositiveIntegerField(_("men"), default=0)
    not_stated = models.PositiveIntegerField(_("not stated"), default=0)
    source = models.CharField(_("source"), max_length=255, blank=True)

    objects = HeadcountSnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["organization__name", "-as_of", "level"]
        # The dashboard's earliest and latest management headcount per organization.
        indexes = [models.Index(fields=["organization", "level", "as_of"], name="headcount_org_level_date")]
        verbose_name = _("headcount snapshot")
        verbose_name_plural = _("headcount snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "as_of", "level"], name="headcount_unique_organization_date_level"
            ),
            models.CheckConstraint(
                condition=Q(women__gte=0) & Q(men__gte=0) & Q(not_stated__gte=0),
                name="headcount_counts_not_negative",
            ),
        ]
        permissions = [("export_headcountsnapshot", _("Can export headcount snapshots"))]

    def __str__(self):
        return f"{self.organization} · {self.get_level_display()} · {self.as_of:%Y-%m-%d}"

    @property
    def total(self):
        return self.women + self.men + self.not_stated

    @property
    def share_of_women(self):
        """Women as a percentage of everyone counted (core.figures.share_of_women), None when nobody was."""
        return share_of_women(self.women, self.total)
