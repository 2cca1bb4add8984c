from django.contrib import admin

from .models import Goal, Operator, Page


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "updated_at"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    view_on_site = True


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "link"]


@admin.register(Operator)
class OperatorAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "email"]

    def has_add_permission(self, request):
        # One operator: the row the demo content and the Impressum use.
        return not Operator.objects.exists()
