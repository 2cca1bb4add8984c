from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
)
from django.db import models
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
