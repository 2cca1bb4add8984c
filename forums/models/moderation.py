"""What moderators work with: reports of readers and the log of their actions."""

from django.conf import settings
from django.db import models
from django.db.models import (
    Q,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .forums import Forum
from .posts import Post, Topic


class Report(models.Model):
    """A reader's report of a post; moderators of the forum resolve it."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="reports", verbose_name=_("post")
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forum_reports",
        verbose_name=_("reported by"),
    )
    reason = models.TextField(_("reason"), max_length=1000)
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    resolution = models.TextField(_("note on the resolution"), blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=Q(status="open"),
                name="forums_report_one_open_per_reader",
            )
        ]

    def __str__(self):
        return f"{self.post} ({self.get_status_display()})"


class ModerationLog(models.Model):
    """Who did what, when and why: every moderation action leaves a row."""

    class Action(models.TextChoices):
        PIN = "pin", _("Topic pinned")
        UNPIN = "unpin", _("Topic unpinned")
        LOCK = "lock", _("Topic locked")
        UNLOCK = "unlock", _("Topic unlocked")
        HIDE_TOPIC = "hide_topic", _("Topic hidden")
        UNHIDE_TOPIC = "unhide_topic", _("Topic shown again")
        MOVE_TOPIC = "move_topic", _("Topic moved")
        HIDE_POST = "hide_post", _("Post hidden")
        UNHIDE_POST = "unhide_post", _("Post shown again")
        EDIT_POST = "edit_post", _("Post edited by a moderator")
        RESOLVE_REPORT = "resolve_report", _("Report resolved")
        APPROVE_MEMBER = "approve_member", _("Membership approved")
        DECLINE_MEMBER = "decline_member", _("Membership declined")

    forum = models.ForeignKey(
        Forum,
        on_delete=models.CASCADE,
        related_name="moderation_log",
        verbose_name=_("forum"),
    )
    target_forum = models.ForeignKey(
        Forum,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moved to"),
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("topic"),
    )
    post = models.ForeignKey(
        Post,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("post"),
    )
    affected_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("affected user"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderator"),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    subject = models.CharField(
        _("subject"),
        max_length=200,
        help_text=_("The topic title or user at the time of the action."),
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.subject}"
