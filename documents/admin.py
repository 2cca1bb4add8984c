from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Sum
from django.db.models.functions import TruncMonth
from django.template.defaultfilters import filesizeformat, truncatechars
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.states import STATE_FIELDS, State

from .models import Document, DownloadCount
from .services import document_delete, document_save, inspect_file

STATS_MONTHS = 24


class DocumentAdminForm(forms.ModelForm):
    """Checks an upload by its content while the form validates.

    A refused file is a field error like any other: the form comes back with every
    other field as the editor filled it in.
    """

    class Meta:
        model = Document
        fields = [
            "title",
            "slug",
            "category",
            "description",
            "easy_text",
            "state_he",
            "state_ni",
            "state_nw",
            "status",
            "published_on",
            "featured",
            "version_label",
            "replaces",
            "file",
        ]

    def clean_file(self):
        file = self.cleaned_data.get("file")
        self.inspection = None
        if isinstance(file, UploadedFile):
            self.inspection = inspect_file(file)
        return file


class StateListFilter(admin.SimpleListFilter):
    title = _("State")
    parameter_name = "land"

    def lookups(self, request, model_admin):
        return State.choices

    def queryset(self, request, queryset):
        field = STATE_FIELDS.get(self.value())
        return queryset.filter(**{field: True}) if field else queryset


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    form = DocumentAdminForm
    list_display = [
        "title",
        "version_label",
        "category",
        "status",
        "published_on",
        "featured",
        "file_type",
        "human_size",
        "page_count",
        "total_downloads",
    ]
    list_filter = ["category", StateListFilter, "status", "featured"]
    list_select_related = False
    search_fields = ["title", "slug", "description", "original_filename"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["replaces"]
    date_hierarchy = "published_on"
    view_on_site = True
    readonly_fields = [
        "cover_preview",
        "file_type",
        "human_size",
        "page_count",
        "original_filename",
        "text_excerpt",
        "download_statistics",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "category",
                    "description",
                    ("state_he", "state_ni", "state_nw"),
                ]
            },
        ),
        (_("Easy Language"), {"fields": ["easy_text"]}),
        (
            _("Publication"),
            {"fields": ["status", "published_on", "featured"]},
        ),
        (_("Versions"), {"fields": ["version_label", "replaces"]}),
        (
            _("File"),
            {
                "fields": [
                    "file",
                    "cover_preview",
                    ("file_type", "human_size", "page_count"),
                    "original_filename",
                    "text_excerpt",
                ],
                "description": _(
                    "The file is checked by its content (PDF, DOCX, XLSX, PPTX, ODT, "
                    "ODS, ODP, PNG, JPEG). Type, size, pages, cover image and text are "
                    "read from it when you save."
                ),
            },
        ),
        (
            _("Downloads"),
            {"fields": ["download_statistics", ("created_at", "updated_at")]},
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .defer("text")
            .annotate(download_total=Sum("download_counts__count"))
        )

    def save_model(self, request, obj, form, change):
        document_save(document=obj, inspection=getattr(form, "inspection", None))

    def delete_model(self, request, obj):
        document_delete(document=obj)

    def delete_queryset(self, request, queryset):
        for document in queryset:
            document_delete(document=document)

    @admin.display(description=_("size"), ordering="file_size")
    def human_size(self, obj):
        return filesizeformat(obj.file_size) if obj.file_size is not None else "–"

    @admin.display(description=_("downloads"), ordering="download_total")
    def total_downloads(self, obj):
        return obj.download_total or 0

    @admin.display(description=_("cover image"))
    def cover_preview(self, obj):
        if not obj.thumbnail:
            return "–"
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}">',
            obj.thumbnail.url,
            _("Cover of “%(title)s”") % {"title": obj.title},
            obj.thumbnail_width,
            obj.thumbnail_height,
        )

    @admin.display(description=_("extracted text"))
    def text_excerpt(self, obj):
        if not obj.pk:
            return "–"
        text = Document.objects.filter(pk=obj.pk).values_list("text", flat=True)[0]
        return truncatechars(text, 600) if text else "–"

    @admin.display(description=_("downloads per month"))
    def download_statistics(self, obj):
        if not obj.pk:
            return "–"
        months = (
            DownloadCount.objects.filter(document=obj)
            .annotate(month=TruncMonth("day"))
            .values("month")
            .annotate(total=Sum("count"))
            .order_by("-month")[:STATS_MONTHS]
        )
        return render_to_string(
            "documents/admin_download_statistics.html", {"months": list(months)}
        )
