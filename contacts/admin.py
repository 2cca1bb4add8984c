from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.states import State, filter_by_state

from . import services
from .models import Municipality, Organisation, Person, Responsibility, Topic


class StateListFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "land"

    def lookups(self, request, model_admin):
        return State.choices

    def queryset(self, request, queryset):
        return filter_by_state(queryset, self.value()) if self.value() else queryset


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "type", "state", "city", "person_count"]
    list_filter = ["type", "state"]
    search_fields = ["name", "city", "email"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["name", "slug", "type", "state"]}),
        (_("Address"), {"fields": ["street", "postcode", "city"]}),
        (_("Contact"), {"fields": ["phone", "email", "website", "email_domain"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(person_count=Count("persons"))

    @admin.display(description=_("contact persons"), ordering="person_count")
    def person_count(self, organisation):
        return organisation.person_count


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = [
        "photo_preview",
        "name",
        "function",
        "organisation",
        "order",
        "show_on_home",
        "published",
    ]
    list_display_links = ["name"]
    list_editable = ["order", "show_on_home", "published"]
    list_filter = [
        StateListFilter,
        "organisation__type",
        "topics",
        "published",
        "show_on_home",
    ]
    list_select_related = ["organisation"]
    search_fields = ["name", "function", "email", "organisation__name"]
    ordering = ["order", "name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisation"]
    filter_horizontal = ["topics"]
    readonly_fields = ["photo_preview"]
    fieldsets = [
        (None, {"fields": ["name", "family_name", "slug", "function", "organisation"]}),
        (_("Contact"), {"fields": ["phone", "email"]}),
        (_("Photo"), {"fields": ["photo_preview", "photo", "photo_alt"]}),
        (
            _("States and topics"),
            {"fields": ["state_he", "state_ni", "state_nw", "topics"]},
        ),
        (_("Display"), {"fields": ["order", "show_on_home", "published"]}),
    ]
    view_on_site = True

    @admin.display(description=_("photo"))
    def photo_preview(self, person):
        if not person.photo_thumbnail:
            return "–"
        return format_html(
            '<img src="{}" alt="{}" width="64" height="64">',
            person.photo_thumbnail.url,
            person.photo_alt,
        )

    def save_model(self, request, obj, form, change):
        # The upload goes through the service (checked, re-encoded, EXIF removed);
        # the form must not store the original file.
        if "photo" not in form.changed_data:
            super().save_model(request, obj, form, change)
            return
        upload = form.cleaned_data.get("photo")
        obj.photo = form.initial.get("photo") or ""
        super().save_model(request, obj, form, change)
        if upload:
            services.person_set_photo(person=obj, photo=upload)
        else:
            services.person_remove_photo(person=obj)

    def delete_model(self, request, obj):
        services.person_delete(person=obj)

    def delete_queryset(self, request, queryset):
        for person in queryset:
            services.person_delete(person=person)


class ResponsibilityInline(admin.TabularInline):
    model = Responsibility
    extra = 1
    fields = ["task", "organisation", "person", "note", "source"]
    autocomplete_fields = ["organisation", "person"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "state", "district", "postcodes", "ags"]
    list_filter = ["state", "district"]
    search_fields = ["name", "postcodes", "ags", "district"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["neighbours"]
    fields = [
        "name",
        "slug",
        "ags",
        "state",
        "district",
        "postcodes",
        "neighbours",
        "source",
    ]
    inlines = [ResponsibilityInline]
