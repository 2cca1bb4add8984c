"""The newsletter: subscribers who confirmed their address (double opt-in), the
issues editors write, and one row per issue and recipient so that nobody gets an
issue twice."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import markdown
from core.states import STATE_FIELDS, State, StatesMixin

# An address nobody confirmed is deleted after this long.
UNCONFIRMED_FOR = datetime.timedelta(days=7)


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def expired(self, now=None):
        now = now or timezone.now()
        return self.filter(
            confirmed_at__isnull=True, created_at__lt=now - UNCONFIRMED_FOR
        )

    def for_states(self, states: list[str]):
        """Who an issue for `states` reaches: everyone when it names no state; else
        those interested in one of them, and those who chose no state (all)."""
        if not states:
            return self
        none = Q(state_he=False, state_ni=False, state_nw=False)
        for state in states:
            none |= Q(**{STATE_FIELDS[State(state)]: True})
        return self.filter(none)


class Subscriber(StatesMixin):
    """An address that asked for the newsletter; it gets issues once confirmed."""

    email = models.EmailField(_("e-mail address"), unique=True)
    created_at = models.DateTimeField(_("subscribed at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # Where they subscribed: the newsletter's mails are written to them in it.
    language = models.CharField(
        _("language of e-mails"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class IssueQuerySet(models.QuerySet):
    def sent(self):
        return self.filter(status=Issue.Status.SENT).order_by("-sent_at")


class Issue(StatesMixin):
    """One newsletter issue: written in Markdown, optionally for some states."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")

    subject = models.CharField(pgettext_lazy("e-mail", "subject"), max_length=150)
    body = models.TextField(
        _("text"),
        help_text=_("Markdown: **bold**, *italic*, [link](https://…), lists."),
    )
    body_html = models.TextField(editable=False, default="")
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("written by"),
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True, editable=False)
    recipient_count = models.PositiveIntegerField(
        _("recipients"), default=0, editable=False
    )

    objects = IssueQuerySet.as_manager()

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject

    def save(self, *args, **kwargs):
        self.body_html = markdown.render(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("newsletter:issue-detail", kwargs={"pk": self.pk})


class Delivery(models.Model):
    """An issue for one subscriber: written before the mail goes, so a retried task
    never sends the same issue to the same address twice."""

    class Status(models.TextChoices):
        # Claimed before the mail goes; a task that died right then does not resend.
        PENDING = "pending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    issue = models.ForeignKey(
        Issue, on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="deliveries"
    )
    status = models.CharField(max_length=10, choices=Status.choices)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="newsletter_delivery_once"
            )
        ]

    def __str__(self):
        return f"{self.issue} → {self.subscriber}"
