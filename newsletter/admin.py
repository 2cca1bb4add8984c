"""Editors write an issue (Markdown, optionally for some states), look at the
preview, send it to themselves, then to every subscriber; the change page shows
how far sending got."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core import mail

from . import services
from .models import Delivery, Issue, Subscriber


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ["subject", "status", "created_at", "sent_at", "progress"]
    list_filter = ["status"]
    search_fields = ["subject"]
    fields = [
        "subject",
        "body",
        "state_he",
        "state_ni",
        "state_nw",
        "tools",
        "progress",
    ]
    readonly_fields = ["tools", "progress"]

    def view_on_site(self, obj):
        # Only a sent issue is in the archive: a draft's address answers 404.
        return obj.get_absolute_url() if obj.status == Issue.Status.SENT else None

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != Issue.Status.DRAFT:
            return [*self.fields]
        return self.readonly_fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_sent=Count("deliveries", filter=Q(deliveries__status="sent")),
                n_failed=Count("deliveries", filter=Q(deliveries__status="failed")),
            )
        )

    @admin.display(description=_("progress"))
    def progress(self, obj):
        if obj is None or obj.pk is None or obj.status == Issue.Status.DRAFT:
            return "–"
        sent = getattr(obj, "n_sent", None)
        failed = getattr(obj, "n_failed", None)
        if sent is None:
            sent = obj.deliveries.filter(status=Delivery.Status.SENT).count()
            failed = obj.deliveries.filter(status=Delivery.Status.FAILED).count()
        text = _("%(sent)s of %(total)s sent, %(failed)s failed") % {
            "sent": sent,
            "total": obj.recipient_count,
            "failed": failed,
        }
        if obj.status == Issue.Status.SENDING:
            return format_html("{} ({})", text, _("still sending"))
        return text

    @admin.display(description=_("preview and sending"))
    def tools(self, obj):
        if obj is None or obj.pk is None:
            return _("Save the issue first; then preview, test and send it here.")
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:newsletter_issue_preview", args=[obj.pk]),
            _("Preview, send to me as a test, send to subscribers"),
        )

    def save_model(self, request, obj, form, change):
        services.issue_save(issue=obj, author=request.user)

    def get_urls(self):
        own = [
            path(
                "<int:pk>/vorschau/",
                self.admin_site.admin_view(self.preview_view),
                name="newsletter_issue_preview",
            ),
            path(
                "<int:pk>/testen/",
                self.admin_site.admin_view(require_POST(self.test_view)),
                name="newsletter_issue_test",
            ),
            path(
                "<int:pk>/senden/",
                self.admin_site.admin_view(require_POST(self.send_view)),
                name="newsletter_issue_send",
            ),
        ]
        return own + super().get_urls()

    def _issue(self, request, pk, *, change=False) -> Issue:
        issue = get_object_or_404(Issue, pk=pk)
        allowed = (
            self.has_change_permission(request, issue)
            if change
            else self.has_view_permission(request, issue)
        )
        if not allowed:
            raise PermissionDenied
        return issue

    def preview_view(self, request, pk):
        issue = self._issue(request, pk)
        recipients = Subscriber.objects.confirmed().for_states(issue.states).count()
        return TemplateResponse(
            request,
            "admin/newsletter/issue/preview.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Preview: %(subject)s") % {"subject": issue.subject},
                "issue": issue,
                "text": mail.plain_text(issue.body_html),
                "recipients": recipients,
                "can_send": issue.status == Issue.Status.DRAFT
                and self.has_change_permission(request, issue),
            },
        )

    def test_view(self, request, pk):
        issue = self._issue(request, pk, change=True)
        if services.issue_send_test(issue=issue, to=request.user.email):
            messages.success(
                request,
                _("The test mail went to %(email)s.") % {"email": request.user.email},
            )
        else:
            messages.error(request, _("The test mail could not be sent."))
        return redirect("admin:newsletter_issue_preview", pk=issue.pk)

    def send_view(self, request, pk):
        issue = self._issue(request, pk, change=True)
        if services.issue_send(issue=issue):
            messages.success(
                request,
                _("Sending has started; the progress shows here."),
            )
        else:
            messages.warning(request, _("This issue has been sent already."))
        return redirect("admin:newsletter_issue_change", issue.pk)


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "confirmed_at",
        "created_at",
        "language",
        "state_he",
        "state_ni",
        "state_nw",
    ]
    list_filter = ["language", "state_he", "state_ni", "state_nw"]
    search_fields = ["email"]
    readonly_fields = ["email", "created_at", "confirmed_at"]
    fields = [
        "email",
        "created_at",
        "confirmed_at",
        "language",
        "state_he",
        "state_ni",
        "state_nw",
    ]

    def has_add_permission(self, request):
        # Only the double opt-in adds addresses: nobody is subscribed by others.
        return False
