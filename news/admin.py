from django.contrib import admin, messages
from django.db.models import Q
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.states import State, filter_by_state

from . import services
from .models import Article, Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


class PublicationFilter(admin.SimpleListFilter):
    """Draft, scheduled or online: what readers see, not just the status field."""

    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [
            ("draft", _("Draft")),
            ("scheduled", _("Scheduled")),
            ("online", _("Online")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        published = Q(status=Article.Status.PUBLISHED)
        if self.value() == "draft":
            return queryset.filter(status=Article.Status.DRAFT)
        if self.value() == "scheduled":
            return queryset.filter(published, published_at__gt=now)
        if self.value() == "online":
            return queryset.filter(published, published_at__lte=now)
        return queryset


class StateListFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "land"

    def lookups(self, request, model_admin):
        return State.choices

    def queryset(self, request, queryset):
        return filter_by_state(queryset, self.value()) if self.value() else queryset


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "publication",
        "published_at",
        "category",
        "state_list",
        "featured",
    ]
    list_filter = [
        PublicationFilter,
        "status",
        "category",
        StateListFilter,
        "featured",
    ]
    list_select_related = ["category"]
    date_hierarchy = "published_at"
    search_fields = ["title", "teaser", "body"]
    actions = ["publish", "unpublish"]
    readonly_fields = ["preview", "author", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "teaser", "body"]}),
        (_("Easy Language"), {"fields": ["easy_text"]}),
        (_("English"), {"fields": ["title_en", "teaser_en"], "classes": ["collapse"]}),
        (_("Image"), {"fields": ["image", "image_alt"]}),
        (
            _("States"),
            {
                "fields": ["state_he", "state_ni", "state_nw"],
                "description": _("Which states does the article concern?"),
            },
        ),
        (
            _("Publication"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "featured",
                    "preview",
                    "author",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    @admin.display(description=_("publication"), ordering="status")
    def publication(self, article):
        if article.status == Article.Status.DRAFT:
            return _("Draft")
        if article.is_scheduled:
            return _("Scheduled")
        return _("Online")

    @admin.display(description=_("states"))
    def state_list(self, article):
        if article.is_cross_state:
            return _("cross-state")
        return ", ".join(state.value for state in article.states)

    @admin.display(description=_("preview"))
    def preview(self, article):
        if not article.pk:
            return _("Save the article first; then you can preview it here.")
        return format_html(
            '<a href="{}">{}</a>',
            article.get_absolute_url(),
            _("Open the article as readers will see it (drafts only for editors)"),
        )

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        services.article_save(article=obj, image_changed="image" in form.changed_data)

    def delete_model(self, request, obj):
        services.article_delete(article=obj)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            services.article_delete(article=article)

    @admin.action(description=_("Publish selected articles"), permissions=["change"])
    def publish(self, request, queryset):
        count = 0
        for article in queryset.exclude(status=Article.Status.PUBLISHED):
            services.article_publish(article=article)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d article was published (or scheduled).",
                "%(count)d articles were published (or scheduled).",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Unpublish selected articles (back to draft)"),
        permissions=["change"],
    )
    def unpublish(self, request, queryset):
        count = 0
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            services.article_unpublish(article=article)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d article is a draft again.",
                "%(count)d articles are drafts again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
