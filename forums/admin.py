"""The forums in the admin: editors keep spaces and forums; moderation happens on the
site (with a reason, logged, the author told), so topics and posts are shown here
for looking up and, for administrators, deleting spam."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import (
    Forum,
    Membership,
    ModerationLog,
    Post,
    PostRevision,
    Report,
    Space,
    Topic,
)


@admin.register(Space)
class SpaceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    view_on_site = True


@admin.register(Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "space",
        "read_access",
        "post_access",
        "topic_count",
        "post_count",
        "last_post_at",
    ]
    list_filter = ["space", "read_access", "post_access"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["moderators"]
    readonly_fields = ["topic_count", "post_count", "last_post_at"]
    fieldsets = [
        (None, {"fields": ["space", "name", "slug", "description", "order"]}),
        (_("States"), {"fields": ["state_he", "state_ni", "state_nw"]}),
        (_("Access"), {"fields": ["read_access", "post_access", "moderators"]}),
        (_("Activity"), {"fields": ["topic_count", "post_count", "last_post_at"]}),
    ]
    actions = ["refresh_counters"]
    view_on_site = True

    @admin.action(description=_("Recount topics and posts"))
    def refresh_counters(self, request, queryset):
        for forum in queryset:
            services.forum_refresh_counters(forum=forum)
        self.message_user(
            request,
            ngettext(
                "%(count)d forum recounted.",
                "%(count)d forums recounted.",
                queryset.count(),
            )
            % {"count": queryset.count()},
            messages.SUCCESS,
        )


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Topic)
class TopicAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "forum",
        "author",
        "is_pinned",
        "is_locked",
        "is_hidden",
        "post_count",
        "last_post_at",
    ]
    list_filter = ["forum", "is_pinned", "is_locked", "is_hidden"]
    search_fields = ["title"]
    list_select_related = ["forum", "author"]
    date_hierarchy = "last_post_at"
    view_on_site = True

    def delete_model(self, request, obj):
        forum = obj.forum
        super().delete_model(request, obj)
        services.forum_refresh_counters(forum=forum)

    def delete_queryset(self, request, queryset):
        forums = list(Forum.objects.filter(topics__in=queryset).distinct())
        super().delete_queryset(request, queryset)
        for forum in forums:
            services.forum_refresh_counters(forum=forum)


class PostRevisionInline(admin.TabularInline):
    model = PostRevision
    extra = 0
    can_delete = False
    fields = ["created_at", "edited_by", "title", "body"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Post)
class PostAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["__str__", "author", "created_at", "edited_at", "is_hidden"]
    list_filter = ["is_hidden", "topic__forum"]
    search_fields = ["body", "topic__title"]
    list_select_related = ["topic", "author"]
    date_hierarchy = "created_at"
    inlines = [PostRevisionInline]
    view_on_site = True

    def delete_model(self, request, obj):
        forum = obj.topic.forum
        super().delete_model(request, obj)
        services.forum_refresh_counters(forum=forum)

    def delete_queryset(self, request, queryset):
        forums = list(Forum.objects.filter(topics__posts__in=queryset).distinct())
        super().delete_queryset(request, queryset)
        for forum in forums:
            services.forum_refresh_counters(forum=forum)


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Administrators may add members directly (no e-mail is sent from here)."""

    list_display = ["user", "forum", "status", "requested_at", "decided_at"]
    list_filter = ["status", "forum"]
    search_fields = ["user__email", "user__display_name", "reason"]
    list_select_related = ["user", "forum"]
    autocomplete_fields = ["user"]
    readonly_fields = ["decided_at", "decided_by"]


@admin.register(Report)
class ReportAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["post", "reporter", "created_at", "status", "resolved_by"]
    list_filter = ["status", "post__topic__forum"]
    search_fields = ["reason", "post__body"]
    list_select_related = ["post__topic", "reporter", "resolved_by"]


@admin.register(ModerationLog)
class ModerationLogAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["created_at", "forum", "action", "subject", "actor", "reason"]
    list_filter = ["action", "forum"]
    search_fields = ["subject", "reason"]
    list_select_related = ["forum", "actor"]
    date_hierarchy = "created_at"

    def has_delete_permission(self, request, obj=None):
        # The log is the record of what moderators did; nobody edits it away.
        return False
