"""The Werkzeugkasten in the administration: editors complete and publish cards.

A card is written with its state sections and sources on one page. Publishing (the
box "publish as a new version" with a note on what changed) freezes a version with
its own address; the preview shows the card as readers will see it.
"""

from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.states import State, filter_by_state

from . import services
from .models import ArgumentCard, CardVersion, Citation, DocumentSource, StateSection


class StateListFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "land"

    def lookups(self, request, model_admin):
        return State.choices

    def queryset(self, request, queryset):
        return filter_by_state(queryset, self.value()) if self.value() else queryset


class StateSectionInline(admin.StackedInline):
    model = StateSection
    extra = 0
    max_num = len(State)
    fields = ["state", "authority", "basis", "differences", "action"]


class DocumentSourceInline(admin.TabularInline):
    model = DocumentSource
    extra = 0
    autocomplete_fields = ["document"]
    fields = ["document", "pages", "note", "order"]


class CitationInline(admin.TabularInline):
    model = Citation
    extra = 0
    fields = ["title", "publisher", "year", "url", "note", "order"]


class CardVersionInline(admin.TabularInline):
    model = CardVersion
    extra = 0
    can_delete = False
    fields = ["number", "created_at", "status", "change_note", "created_by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class ArgumentCardForm(forms.ModelForm):
    publish = forms.BooleanField(
        label=_("Publish as a new version"),
        required=False,
        help_text=_(
            "Readers see the card as saved now; earlier versions keep their addresses."
        ),
    )
    change_note = forms.CharField(
        label=_("What changed"),
        required=False,
        max_length=500,
        help_text=_("For the version history, e.g. “Abschnitt Niedersachsen ergänzt”."),
    )

    class Meta:
        model = ArgumentCard
        # The states follow the card's sections (services.card_sync_states);
        # publishing goes through the "publish" box.
        fields = [
            "title",
            "slug",
            "topic",
            "question",
            "argument",
            "reasoning",
            "easy_text",
            "status",
            "agreed_on",
            "agreed_by",
            "source_topic",
            "forum_topics",
            "events",
            "contacts",
        ]

    def clean(self):
        data = super().clean()
        if data.get("publish") and not data.get("change_note", "").strip():
            self.add_error(
                "change_note",
                _("Please say what changed: it is shown in the version history."),
            )
        return data


@admin.register(ArgumentCard)
class ArgumentCardAdmin(admin.ModelAdmin):
    form = ArgumentCardForm
    list_display = [
        "title",
        "topic",
        "states_text",
        "status",
        "is_published",
        "version",
        "updated_at",
    ]
    list_filter = ["topic", "status", "is_published", StateListFilter]
    search_fields = ["title", "question", "argument"]
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["source_topic", "forum_topics"]
    autocomplete_fields = ["events", "contacts"]
    readonly_fields = [
        "preview",
        "is_published",
        "drafted_by",
        "version",
        "published_at",
    ]
    actions = ["withdraw"]
    inlines = [
        StateSectionInline,
        DocumentSourceInline,
        CitationInline,
        CardVersionInline,
    ]
    fieldsets = [
        (None, {"fields": ["preview", "title", "slug", "topic", "question"]}),
        (_("Argument"), {"fields": ["argument", "reasoning"]}),
        (
            _("Agreement"),
            {"fields": ["status", "agreed_on", "agreed_by"]},
        ),
        (
            _("Related"),
            {"fields": ["source_topic", "forum_topics", "events", "contacts"]},
        ),
        (
            _("Publication"),
            {
                "fields": [
                    "is_published",
                    "publish",
                    "change_note",
                    "version",
                    "published_at",
                    "drafted_by",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("reasoning", "reasoning_html")

    @admin.display(description=_("states"))
    def states_text(self, card):
        return ", ".join(str(state.label) for state in card.states) or "–"

    @admin.display(description=_("preview"))
    def preview(self, card):
        if not card.pk:
            return _("Save the card first.")
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            card.get_absolute_url(),
            _("Show the card as readers see it"),
            card.get_pdf_url(),
            _("PDF"),
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        card = form.instance
        services.card_sync_states(card=card)
        if form.cleaned_data.get("publish"):
            version = services.card_publish(
                card=card, change_note=form.cleaned_data["change_note"], by=request.user
            )
            messages.success(
                request,
                _("Published as version %(number)s.") % {"number": version.number},
            )

    @admin.action(description=_("Withdraw: readers no longer see the cards"))
    def withdraw(self, request, queryset):
        for card in queryset.filter(is_published=True):
            services.card_withdraw(card=card)
