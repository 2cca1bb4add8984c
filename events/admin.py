"""Events in the administration: seats taken and waiting at a glance; for each event
the participant list (CSV, PDF sign-in sheet) and a mail to all participants.

Editors manage every event; a staff account named as organiser of an event sees
that event and its participants (`permissions.can_manage`).
"""

import csv

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.pdf import render_pdf
from core.states import State, filter_by_state

from . import services
from .forms import ParticipantsMessageForm
from .models import BERLIN, Event, Registration
from .permissions import can_manage, managed_events


class StateListFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "land"

    def lookups(self, request, model_admin):
        return State.choices

    def queryset(self, request, queryset):
        return filter_by_state(queryset, self.value()) if self.value() else queryset


class WhenFilter(admin.SimpleListFilter):
    title = _("when")
    parameter_name = "wann"

    def lookups(self, request, model_admin):
        return [("kommend", _("Upcoming")), ("vorbei", _("Past"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "kommend":
            return queryset.filter(ends_at__gte=now)
        if self.value() == "vorbei":
            return queryset.filter(ends_at__lt=now)
        return queryset


class RegistrationInline(admin.TabularInline):
    """Who registered, read only: changes go through the cancel links and services."""

    model = Registration
    extra = 0
    can_delete = False
    fields = [
        "name",
        "email",
        "status",
        "attendance",
        "organisation",
        "function",
        "dietary_needs",
        "accessibility_needs",
        "created_at",
    ]
    readonly_fields = fields
    ordering = ["status", "confirmed_at", "pk"]
    verbose_name_plural = _("registrations")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return obj is None or can_manage(request.user, obj)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "start",
        "status",
        "space",
        "seats",
        "waiting",
        "access",
    ]
    list_filter = [WhenFilter, "status", "space", "format", "access", StateListFilter]
    list_select_related = ["space"]
    search_fields = ["title", "teaser", "venue_name"]
    ordering = ["-starts_at"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["documents", "recap_article", "organiser"]
    filter_horizontal = ["staff_organisers"]
    readonly_fields = ["organiser_tools", "sequence", "created_at", "updated_at"]
    inlines = [RegistrationInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "organiser_tools",
                    "title",
                    "slug",
                    "teaser",
                    "description",
                    ("starts_at", "ends_at"),
                    "all_day",
                    "status",
                    "cancel_reason",
                ]
            },
        ),
        (_("Easy Language"), {"fields": ["easy_text"]}),
        (
            _("Place"),
            {
                "fields": [
                    "format",
                    "venue_name",
                    "venue_address",
                    "accessibility",
                    ("latitude", "longitude"),
                    "online_url",
                ]
            },
        ),
        (
            _("Space, states and organiser"),
            {
                "fields": [
                    "space",
                    "forum",
                    ("state_he", "state_ni", "state_nw"),
                    "organiser",
                    "staff_organisers",
                ]
            },
        ),
        (_("Image"), {"fields": ["image", "image_alt"]}),
        (
            _("Registration"),
            {
                "fields": [
                    "access",
                    "capacity",
                    "registration_deadline",
                    "waiting_list",
                    "ask_organisation",
                    "ask_function",
                    "ask_dietary_needs",
                    "ask_accessibility_needs",
                ]
            },
        ),
        (
            _("Documents and documentation"),
            {"fields": ["documents", "summary", "recap_article"]},
        ),
        (_("Calendar"), {"fields": ["sequence", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).with_counts()
        if request.user.has_perm("events.view_event"):
            return queryset
        return queryset.filter(pk__in=managed_events(request.user).values("pk"))

    def has_module_permission(self, request):
        return super().has_module_permission(request) or can_manage(request.user)

    def has_view_permission(self, request, obj=None):
        if super().has_view_permission(request, obj):
            return True
        return can_manage(request.user, obj)

    @admin.display(description=_("start"), ordering="starts_at")
    def start(self, event):
        moment = timezone.localtime(event.starts_at, BERLIN)
        return date_format(moment, "D, j.n.Y" if event.all_day else "D, j.n.Y H:i")

    @admin.display(description=_("seats taken"), ordering="seats_taken")
    def seats(self, event):
        if not event.takes_registrations:
            return "–"
        if event.capacity is None:
            return str(event.seats_taken)
        return f"{event.seats_taken} / {event.capacity}"

    @admin.display(description=_("waiting"), ordering="waiting_count")
    def waiting(self, event):
        return event.waiting_count if event.takes_registrations else "–"

    @admin.display(description=_("participants"))
    def organiser_tools(self, event):
        if not event.pk or not event.takes_registrations:
            return _("Save the event first; then its participants are listed here.")
        return format_html(
            '<a class="button" href="{}">{}</a> <a class="button" href="{}">{}</a> '
            '<a class="button" href="{}">{}</a> <a href="{}">{}</a>',
            reverse("admin:events_event_participants_csv", args=[event.pk]),
            _("Participant list (CSV)"),
            reverse("admin:events_event_signin_pdf", args=[event.pk]),
            _("Sign-in sheet (PDF)"),
            reverse("admin:events_event_message", args=[event.pk]),
            _("Write to all participants"),
            event.get_absolute_url(),
            _("Open the event page"),
        )

    def save_model(self, request, obj, form, change):
        services.event_save(event=obj, image_changed="image" in form.changed_data)

    # --- organiser tools ----------------------------------------------------------

    def get_urls(self):
        own = [
            path(
                "<int:pk>/teilnehmende.csv",
                self.admin_site.admin_view(self.participants_csv),
                name="events_event_participants_csv",
            ),
            path(
                "<int:pk>/unterschriftenliste.pdf",
                self.admin_site.admin_view(self.signin_pdf),
                name="events_event_signin_pdf",
            ),
            path(
                "<int:pk>/nachricht/",
                self.admin_site.admin_view(self.message_view),
                name="events_event_message",
            ),
        ]
        return own + super().get_urls()

    def _managed(self, request, pk) -> Event:
        event = get_object_or_404(Event, pk=pk)
        if not can_manage(request.user, event):
            raise PermissionDenied
        return event

    def participants_csv(self, request, pk):
        event = self._managed(request, pk)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="teilnehmende-{event.slug}.csv"'
        )
        # A byte order mark and semicolons: what a German spreadsheet opens as is.
        response.write("\ufeff")
        writer = csv.writer(response, delimiter=";")
        # Only a hybrid event's participants choose; at the others the format says it.
        hybrid = event.is_hybrid
        attendance_heading = Registration._meta.get_field("attendance").verbose_name
        writer.writerow(
            [
                _("No."),
                _("name"),
                _("e-mail address"),
                *([attendance_heading] if hybrid else []),
                *[Event.QUESTIONS[field] for field in Event.QUESTIONS],
                _("status"),
                _("registered at"),
            ]
        )
        registrations = (
            event.registrations.filter(status__in=["confirmed", "waiting"])
            .select_related("user")
            .order_by("status", "confirmed_at", "pk")
        )
        for number, registration in enumerate(registrations, start=1):
            writer.writerow(
                [
                    number,
                    *(
                        _cell(value)
                        for value in [
                            registration.display_name,
                            registration.address,
                            *(
                                [registration.get_attendance_display()]
                                if hybrid
                                else []
                            ),
                            *[
                                getattr(registration, field)
                                for field in Event.QUESTIONS
                            ],
                            registration.get_status_display(),
                        ]
                    ),
                    date_format(
                        timezone.localtime(registration.created_at, BERLIN),
                        "d.m.Y H:i",
                    ),
                ]
            )
        return response

    def signin_pdf(self, request, pk):
        event = self._managed(request, pk)
        participants = list(event.registrations.participants())
        # Online participants of a hybrid event cannot sign a paper sheet: the
        # sheet lists those on site and says how many take part online.
        on_site = [r for r in participants if event.takes_seat(r.attendance)]
        online_count = len(participants) - len(on_site)
        pdf = render_pdf(
            "events/signin_pdf.html",
            {
                "event": event,
                "participants": on_site,
                "online_count": online_count,
                "blank_rows": range(5),
            },
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="unterschriftenliste-{event.slug}.pdf"'
        )
        return response

    def message_view(self, request, pk):
        event = self._managed(request, pk)
        form = ParticipantsMessageForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            count = services.participants_message(
                event=event,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                sender=request.user,
            )
            self.message_user(
                request,
                ngettext(
                    "The message goes to %(count)d participant.",
                    "The message goes to %(count)d participants.",
                    count,
                )
                % {"count": count},
                messages.SUCCESS,
            )
            return redirect("admin:events_event_change", event.pk)
        return TemplateResponse(
            request,
            "admin/events/event/message.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": event,
                "event": event,
                "form": form,
                "count": event.registrations.confirmed().count(),
                "title": _("Write to all participants"),
            },
        )


def _cell(value) -> str:
    """A spreadsheet must not run what a participant typed as a formula."""
    text = str(value or "")
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
