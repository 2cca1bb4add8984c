from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import ContactMessage, Goal, Operator, Page


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "updated_at"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "teaser", "body", "updated_at"]
    readonly_fields = ["updated_at"]
    view_on_site = True


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "link"]
    list_display_links = ["number", "title"]


@admin.register(Operator)
class OperatorAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "email"]
    fieldsets = [
        (_("Organisation"), {"fields": ["name", "representative", "register"]}),
        (_("Address"), {"fields": ["street", "postcode", "city"]}),
        (_("Contact"), {"fields": ["phone", "email", "website"]}),
        (_("Project"), {"fields": ["project", "tagline", "funding_notice"]}),
    ]

    def has_add_permission(self, request):
        # One operator: the row the demo content and the Impressum use.
        return not Operator.objects.exists()


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    """Messages from /kontakt/: read, answered by mail, ticked off when done."""

    list_display = ["subject", "name", "email", "created_at", "done"]
    list_filter = ["done"]
    search_fields = ["subject", "name", "email", "message"]
    date_hierarchy = "created_at"
    fields = ["name", "email", "subject", "message", "created_at", "done"]
    readonly_fields = ["name", "email", "subject", "message", "created_at"]

    def has_add_permission(self, request):
        # Messages come from the form only.
        return False
