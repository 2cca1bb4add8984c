from django.conf import settings
from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
)
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.states import State


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. The e-mail address is the login; the rest is profile."""

    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        blank=True,
        help_text=_("Shown with your posts. Your e-mail address is never shown."),
    )
    organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    function = models.CharField(_("function"), max_length=150, blank=True)
    state = models.CharField(
        _("state"), max_length=2, choices=State.choices, blank=True
    )
    bio = models.TextField(_("short bio"), max_length=1000, blank=True)
    show_organisation = models.BooleanField(
        _("show organisation publicly"), default=False
    )
    show_function = models.BooleanField(_("show function publicly"), default=False)
    show_state = models.BooleanField(_("show state publicly"), default=False)
    show_bio = models.BooleanField(_("show short bio publicly"), default=False)
    language = models.CharField(
        _("language of e-mails"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The portal writes its notifications to you in this language."),
    )

    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Designates whether the user can log into the admin site."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.display_name or self.email

    @property
    def public_name(self) -> str:
        """The name others see: never the e-mail address."""
        return self.display_name or _("Member")

    @property
    def public_details(self) -> list[str]:
        """The profile details the user chose to show, in byline order."""
        details = []
        if self.show_function and self.function:
            details.append(self.function)
        if self.show_organisation and self.organisation:
            details.append(self.organisation)
        if self.show_state and self.state:
            details.append(self.get_state_display())
        return details

    @property
    def shown_affiliations(self) -> list:
        """Verified public affiliations, the primary one first: from the prefetch
        of `prefetch_affiliations()` when there is one, else one query."""
        cache = getattr(self, "_prefetched_objects_cache", {})
        if "affiliations" in cache:
            found = [
                a
                for a in cache["affiliations"]
                if a.status == Affiliation.Status.VERIFIED and a.public
            ]
        else:
            found = list(self.affiliations.shown())
        return sorted(found, key=lambda a: (not a.primary, a.created_at))

    @property
    def shown_affiliation(self):
        """The one affiliation a byline shows."""
        shown = self.shown_affiliations
        return shown[0] if shown else None

    @property
    def has_verified_email(self) -> bool:
        """Posting needs a verified address; allauth keeps the verification state."""
        from allauth.account.models import EmailAddress

        return EmailAddress.objects.filter(user=self, verified=True).exists()


class Delivery(models.TextChoices):
    INSTANT = "instant", _("immediately")
    DAILY = "daily", _("daily summary")
    WEEKLY = "weekly", _("weekly summary")
    OFF = "off", _("off")


class NotificationSettingsQuerySet(models.QuerySet):
    def for_user(self, user) -> "NotificationSettings":
        """The reader's settings; the defaults (all mail at once) until they change
        them, without writing a row for every reader."""
        found = self.filter(user=user).first()
        return found or NotificationSettings(user=user)


class NotificationSettings(models.Model):
    """How a reader wants the portal's mail (`/konto/benachrichtigungen/`): per kind
    of mail, and one switch that pauses all of it."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="notification_settings"
    )
    paused = models.BooleanField(
        _("pause all e-mail notifications"),
        default=False,
        help_text=_("While paused, no notification and no summary is sent."),
    )
    posts = models.CharField(
        _("new posts in the topics and forums you follow"),
        max_length=8,
        choices=Delivery.choices,
        default=Delivery.INSTANT,
    )
    moderation = models.CharField(
        _("moderation of your posts and your requests to join"),
        max_length=8,
        choices=[(Delivery.INSTANT, _("immediately")), (Delivery.OFF, _("off"))],
        default=Delivery.INSTANT,
    )
    moderator_tasks = models.CharField(
        _("reports and requests to join in forums you moderate"),
        max_length=8,
        choices=[(Delivery.INSTANT, _("immediately")), (Delivery.OFF, _("off"))],
        default=Delivery.INSTANT,
    )
    # Posts after this moment go into the next summary: set when a summary is sent
    # and when the reader switches to a summary (what came before went instantly).
    digest_since = models.DateTimeField(default=timezone.now)

    objects = NotificationSettingsQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self):
        return str(self.user)

    def wants(self, kind: str) -> str:
        """The delivery for a kind ("posts", "moderation", "moderator_tasks")."""
        return Delivery.OFF if self.paused else getattr(self, kind)


class AffiliationQuerySet(models.QuerySet):
    def shown(self):
        """Verified and public: what bylines, profiles and PDFs show."""
        return self.filter(
            status=Affiliation.Status.VERIFIED, public=True
        ).select_related("organisation")

    def current(self):
        """Waiting for review or verified: what a person holds now."""
        return self.filter(
            status__in=[Affiliation.Status.PENDING, Affiliation.Status.VERIFIED]
        )

    def reviewable_by(self, user):
        """The claims a person may decide: staff with the permission decide all;
        a person verified at an organisation decides the claims of colleagues."""
        if not user.is_authenticated:
            return self.none()
        if user.has_perm("accounts.review_affiliation"):
            return self
        colleagues_of = Affiliation.objects.filter(
            user=user, status=Affiliation.Status.VERIFIED
        ).values("organisation_id")
        return self.filter(organisation_id__in=colleagues_of).exclude(user=user)


def prefetch_affiliations(lookup: str) -> Prefetch:
    """For lists of authors (`prefetch_affiliations("author")`): their shown
    affiliations in one query, however many authors the page has."""
    return Prefetch(f"{lookup}__affiliations", Affiliation.objects.shown())


class Affiliation(models.Model):
    """A person's function at an organisation of the directory, as they claim it.

    It shows next to their name once it is verified: automatically through a
    confirmed address at the organisation's e-mail domain, or by a reviewer.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for review")
        VERIFIED = "verified", _("confirmed")
        DECLINED = "declined", _("declined")
        ENDED = "ended", _("ended")
        REVOKED = "revoked", _("revoked")

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="affiliations",
        verbose_name=_("user"),
    )
    # By name: the directory is a content app above the accounts.
    organisation = models.ForeignKey(
        "contacts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="affiliations",
        verbose_name=_("organisation"),
    )
    proposed_organisation = models.CharField(
        _("proposed organisation"),
        max_length=200,
        blank=True,
        help_text=_("An organisation that is not in the directory yet."),
    )
    function = models.CharField(_("function"), max_length=150)
    work_email = models.EmailField(_("work e-mail address"), blank=True)
    public = models.BooleanField(_("shown publicly"), default=False)
    primary = models.BooleanField(_("primary"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    verified_by_email = models.BooleanField(
        _("confirmed by work e-mail address"), default=False
    )
    created_at = models.DateTimeField(_("claimed at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    reason = models.TextField(_("reason"), blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    objects = AffiliationQuerySet.as_manager()

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        ordering = ["-primary", "created_at"]
        permissions = [("review_affiliation", _("Can review affiliations"))]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(primary=True),
                name="accounts_affiliation_one_primary",
            )
        ]

    def __str__(self):
        return self.label

    @property
    def organisation_name(self) -> str:
        return (
            self.organisation.name if self.organisation else self.proposed_organisation
        )

    @property
    def label(self) -> str:
        """ "Funktion · Organisation (Land)", as bylines show it."""
        state = f" ({self.organisation.state})" if self.organisation else ""
        return f"{self.function} · {self.organisation_name}{state}"

    @property
    def is_current(self) -> bool:
        return self.status in (self.Status.PENDING, self.Status.VERIFIED)


class AffiliationLogEntry(models.Model):
    """Every step of an affiliation: who did what, when, and why."""

    class Action(models.TextChoices):
        CLAIMED = "claimed", _("claimed")
        VERIFIED_BY_EMAIL = "email", _("confirmed by work e-mail address")
        APPROVED = "approved", _("approved")
        DECLINED = "declined", _("declined")
        ENDED = "ended", _("ended by the person")
        REVOKED = "revoked", _("revoked")

    affiliation = models.ForeignKey(
        Affiliation,
        on_delete=models.CASCADE,
        related_name="log",
        verbose_name=_("affiliation"),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    actor = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("affiliation log entry")
        verbose_name_plural = _("affiliation log")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d})"


class Session(AbstractBaseSession):
    """A session in the database, with the id of the user signed in with it beside
    the encoded data: loading it reads the user's row in the same query."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        # A session saved while its user is deleted must not fail: it then names
        # nobody, and Django's `get_user` answers with an anonymous user.
        db_constraint=False,
        related_name="+",
    )

    class Meta(AbstractBaseSession.Meta):
        db_table = "accounts_session"

    @classmethod
    def get_session_store_class(cls):
        from .sessions import SessionStore

        return SessionStore
