from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.generic import DetailView
from django_filters.views import FilterView

from core import ratelimit
from documents.models import Category as DocumentCategory
from documents.models import FileType
from forums.models import Space

from . import ical, jsonld, services
from .filters import ArchiveFilter, EventFilter
from .forms import AnswersForm, GuestRegistrationForm
from .models import Event, Registration
from .permissions import can_manage, may_register

# Guests' registrations send mail: a limit per address and per network address.
GUEST_RATE_PER_ADDRESS = "3/h"
GUEST_RATE_PER_IP = "20/h"


class EventListView(FilterView):
    """Upcoming events (running ones included), soonest first."""

    filterset_class = EventFilter
    template_name = "events/event_list.html"
    paginate_by = 20
    page_kwarg = "seite"
    archive = False

    def get_queryset(self):
        return Event.objects.upcoming().for_list()

    def get_context_data(self, **kwargs):
        return super().get_context_data(archive=self.archive, **kwargs)


class EventArchiveView(EventListView):
    filterset_class = ArchiveFilter
    archive = True

    def get_queryset(self):
        return Event.objects.past().for_list()


def _documents(event: Event) -> dict:
    """The event's published documents by what they are, for "Dokumentation"."""
    groups = {"minutes": [], "slides": [], "photos": [], "other": []}
    for document in event.documents.published().defer("text").order_by("title"):
        if document.file_type in (FileType.PNG, FileType.JPEG):
            groups["photos"].append(document)
        elif document.category == DocumentCategory.MINUTES:
            groups["minutes"].append(document)
        elif document.category == DocumentCategory.PRESENTATION:
            groups["slides"].append(document)
        else:
            groups["other"].append(document)
    return groups


class EventDetailView(DetailView):
    template_name = "events/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return (
            Event.objects.visible_to(self.request.user)
            .select_related(
                "space", "forum", "organiser__organisation", "recap_article"
            )
            .with_counts()
        )

    def get_context_data(self, **kwargs):
        event = self.object
        user = self.request.user
        registration = None
        if user.is_authenticated:
            registration = (
                Registration.objects.active().filter(event=event, user=user).first()
            )
        allowed, refusal = may_register(user, event)
        documents = _documents(event)
        recap = event.recap_article
        if recap is not None and not recap.is_published:
            recap = None
        canonical_url = self.request.build_absolute_uri(event.get_absolute_url())
        image = event.largest_rendition
        return super().get_context_data(
            registration=registration,
            may_register=allowed,
            refusal=refusal,
            answers_form=AnswersForm(
                event=event,
                initial={
                    "organisation": getattr(user, "organisation", ""),
                    "function": getattr(user, "function", ""),
                },
            )
            if user.is_authenticated
            else None,
            shows_online_link=bool(
                event.online_url
                and not event.is_past
                and (
                    (registration and registration.status == "confirmed")
                    or can_manage(user, event)
                )
            ),
            manages=can_manage(user, event),
            documents=documents,
            has_documents=any(documents.values()),
            recap=recap,
            canonical_url=canonical_url,
            og_image=image["url"] if image else None,
            og_image_alt=event.image_alt,
            og_image_width=image["width"] if image else None,
            og_image_height=image["height"] if image else None,
            json_ld=jsonld.data(
                event, request=self.request, canonical_url=canonical_url
            ),
            **kwargs,
        )


def _event_or_404(request, slug) -> Event:
    return get_object_or_404(Event.objects.visible_to(request.user), slug=slug)


@require_POST
def register(request, slug):
    """One click for a signed-in person (with the event's questions, if it asks)."""
    event = _event_or_404(request, slug)
    if not request.user.is_authenticated:
        return redirect_to_login(event.get_absolute_url())
    form = AnswersForm(request.POST, event=event)
    if not form.is_valid():
        return render(
            request,
            "events/registration_form.html",
            {"event": event, "form": form, "signed_in": True},
            status=400,
        )
    try:
        registration = services.registration_create_for_user(
            event=event,
            user=request.user,
            answers=form.answers(),
            language=get_language(),
        )
    except services.RegistrationRefused as refusal:
        messages.error(request, refusal.message)
        return redirect(event)
    if registration.status == Registration.Status.WAITING:
        messages.success(
            request,
            _(
                "All seats are taken: you are on the waiting list (place %(position)s). "
                "If a seat becomes free, you move up and we tell you by e-mail."
            )
            % {"position": registration.waiting_position},
        )
    else:
        messages.success(
            request,
            _(
                "You are registered. The confirmation with the calendar entry is on its "
                "way to %(email)s."
            )
            % {"email": request.user.email},
        )
    return redirect(event)


@cache_control(private=True)
@require_http_methods(["GET", "POST"])
def unregister(request, slug):
    """A signed-in person cancels their registration from the event page: GET asks
    (the page the cancel link in the mail shows), POST cancels. A freed seat goes to
    the waiting list at once, so a slip of the finger must not cancel."""
    event = _event_or_404(request, slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    registration = (
        Registration.objects.active().filter(event=event, user=request.user).first()
    )
    if registration is None:
        return redirect(event)
    if request.method == "GET":
        return render(
            request,
            "events/registration_cancel.html",
            {"event": event, "registration": registration},
        )
    services.registration_cancel(registration=registration)
    messages.success(request, _("Your registration is cancelled."))
    return redirect(event)


@require_http_methods(["GET", "POST"])
def guest_register(request, slug):
    """Registration without an account: name, address, the event's questions; the
    mail link confirms it (double opt-in)."""
    event = _event_or_404(request, slug)
    if request.user.is_authenticated:
        return redirect(event)
    allowed, refusal = may_register(None, event)
    if not event.registration_is_open or not allowed:
        return render(
            request,
            "events/registration_form.html",
            {"event": event, "refusal": refusal or _("Registration has closed.")},
        )
    form = GuestRegistrationForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        ip = request.META.get("REMOTE_ADDR", "")
        keys = [
            (f"events:guest:{email}", GUEST_RATE_PER_ADDRESS),
            (f"events:guest-ip:{ip}", GUEST_RATE_PER_IP),
        ]
        if not all(ratelimit.allows(key, rate) for key, rate in keys):
            form.add_error(
                None,
                _(
                    "Too many registrations in a short time. Please try again in an "
                    "hour, or write to us."
                ),
            )
        else:
            try:
                services.registration_request(
                    event=event,
                    name=form.cleaned_data["name"],
                    email=email,
                    answers=form.answers(),
                    # The page's language (/en/… or German): the guest's mails follow.
                    language=get_language(),
                )
            except services.RegistrationRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                for key, rate in keys:
                    ratelimit.record(key, rate)
                return render(
                    request,
                    "events/registration_sent.html",
                    {"event": event, "email": email},
                )
    return render(
        request,
        "events/registration_form.html",
        {"event": event, "form": form},
        status=400 if form.errors else 200,
    )


def _invalid_link(request, template: str):
    """A confirm or cancel link that is not (or no longer) valid says so on its page."""
    return render(request, template, {"invalid": True}, status=404)


@cache_control(private=True)  # a personal link: no shared cache keeps it
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The link in a guest's mail. GET asks (mail scanners open links), POST confirms."""
    registration = services.registration_from_token(token, "confirm")
    if registration is None:
        return _invalid_link(request, "events/registration_confirm.html")
    event = registration.event
    error = None
    if request.method == "POST" and registration.status == Registration.Status.PENDING:
        try:
            registration = services.registration_confirm(registration=registration)
        except services.RegistrationRefused as refusal:
            error = refusal.message
    return render(
        request,
        "events/registration_confirm.html",
        {
            "event": event,
            "registration": registration,
            "error": error,
            "done": request.method == "POST",
        },
    )


@cache_control(private=True)
@require_http_methods(["GET", "POST"])
def cancel(request, token):
    """The cancel link in every mail: works without signing in; GET asks, POST cancels."""
    registration = services.registration_from_token(token, "cancel")
    if registration is None:
        return _invalid_link(request, "events/registration_cancel.html")
    was_active = registration.is_active
    if request.method == "POST" and was_active:
        registration = services.registration_cancel(registration=registration)
    return render(
        request,
        "events/registration_cancel.html",
        {
            "event": registration.event,
            "registration": registration,
            "done": request.method == "POST" and was_active,
        },
    )


def _ics_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def calendar_all(request):
    """Every published event (the past year on) as one calendar to subscribe to;
    `?bereich=<space>` and `?land=HE` narrow it."""
    events = Event.objects.public().select_related("space")
    name = _("Region der Mitte – Events")
    space_slug = request.GET.get("bereich")
    if space_slug:
        space = Space.objects.filter(slug=space_slug).first()
        if space is None:
            raise Http404(_("This space does not exist."))
        events = events.filter(space=space)
        name = f"{name} – {space.name}"
    filtered = EventFilter({"land": request.GET.get("land", "")}, queryset=events)
    if not filtered.is_valid():
        raise Http404(_("This state does not exist."))
    return _ics_response(ical.calendar(filtered.qs, name=name), "veranstaltungen.ics")


@require_GET
def calendar_event(request, slug):
    event = get_object_or_404(Event.objects.public().select_related("space"), slug=slug)
    return _ics_response(ical.calendar([event], name=event.title), f"{event.slug}.ics")
