from django.conf import settings
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
    def has_verified_email(self) -> bool:
        """Posting needs a verified address; allauth keeps the verification state."""
        from allauth.account.models import EmailAddress

        return EmailAddress.objects.filter(user=self, verified=True).exists()
