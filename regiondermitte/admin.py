"""The admin of archive mode. Registered here, not in pages, because its final
notice reaches the followers of the content apps (regiondermitte/archive.py)."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pages.models import Archive

from .archive import (
    archive_send_final_notice,
    final_notice_message,
    final_notice_recipients,
)


@admin.register(Archive)
class ArchiveAdmin(admin.ModelAdmin):
    list_display = ["__str__", "active", "since", "final_notice_sent_at"]
    fieldsets = [
        (None, {"fields": ["active", "since"]}),
        (
            gettext_lazy("Banner"),
            {"fields": ["banner", "successor_name", "successor_url"]},
        ),
        (
            gettext_lazy("Final notice"),
            {"fields": ["notice_subject", "notice_text", "final_notice_sent_at"]},
        ),
    ]
    readonly_fields = ["final_notice_sent_at"]
    actions = ["send_final_notice"]

    def has_add_permission(self, request):
        # One row: the switch.
        return super().has_add_permission(request) and not Archive.objects.exists()

    @admin.action(description=gettext_lazy("Send the final notice (with preview)"))
    def send_final_notice(self, request, queryset):
        archive = queryset.first()
        refusal = self._refusal(archive)
        if refusal:
            self.message_user(request, refusal, messages.ERROR)
            return None
        if request.POST.get("confirm") == "yes":
            if archive_send_final_notice(archive=archive):
                self.message_user(
                    request, _("The final notice is being sent."), messages.SUCCESS
                )
            else:
                self.message_user(
                    request, _("The final notice was sent before."), messages.ERROR
                )
            return None
        recipients = final_notice_recipients()
        preview = final_notice_message(
            archive=archive, to=recipients[0] if recipients else "name@example.org"
        )
        return TemplateResponse(
            request,
            "admin/pages/archive/final_notice.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Final notice: preview"),
                "opts": self.model._meta,
                "archive": archive,
                "preview": preview,
                "recipient_count": len(recipients),
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )

    def _refusal(self, archive) -> str:
        if archive is None or not archive.active:
            return _("Switch archive mode on first: the final notice announces it.")
        if archive.final_notice_sent_at:
            return _("The final notice was sent before.")
        if not archive.notice_subject.strip() or not archive.notice_text.strip():
            return _("Please write the subject and the text of the final notice.")
        return ""
