from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.images import open_image, reencode

from .models import ContactMessage, Goal, Operator, Page, SignLanguageVideo


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "updated_at"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "teaser", "body", "updated_at"]}),
        (_("Easy Language"), {"fields": ["easy_text"]}),
        (
            _("English version"),
            {
                "fields": ["title_en", "teaser_en", "body_en"],
                "description": _(
                    "Optional. Shown in the English interface under /en/; what is "
                    "left empty shows the German text there."
                ),
            },
        ),
    ]
    readonly_fields = ["updated_at"]
    view_on_site = True


class SignLanguageVideoForm(forms.ModelForm):
    class Meta:
        model = SignLanguageVideo
        fields = [
            "position",
            "title",
            "video",
            "captions",
            "poster",
            "transcript",
        ]

    def clean_poster(self):
        poster = self.cleaned_data.get("poster")
        if isinstance(poster, UploadedFile):
            # Re-encoded: no metadata, nothing appended behind the picture.
            return reencode(open_image(poster), max_width=1920)
        return poster


@admin.register(SignLanguageVideo)
class SignLanguageVideoAdmin(admin.ModelAdmin):
    form = SignLanguageVideoForm
    list_display = ["title", "position", "updated_at"]
    list_display_links = ["title"]
    ordering = ["position", "pk"]

    def view_on_site(self, obj):
        return reverse("pages:sign-language")


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
