"""Events of the project: what, when, where, who may come, and what came of it.

An event belongs to one of the project's spaces (a `forums.Space`; none means the
project as a whole) and, for members-only registration, to the forum whose members
may come. Registrations hold the participants; who takes a seat, who waits and who
moves up is decided in `services.py` under a lock on the event's row, so two people
can never take the last seat at once.
"""

import datetime
import uuid
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core import fulltext, images, markdown
from core.easy_language import EASY_TEXT_FIELDS, EasyLanguageMixin
from core.images import validate_image
from core.states import StatesMixin
from core.text import SlugFromTitle

BERLIN = ZoneInfo("Europe/Berlin")
# Personal data of registrations is anonymised this long after the event's end.
ANONYMISE_AFTER = datetime.timedelta(days=90)

MARKDOWN_HELP = _(
    "Markdown: **bold**, *italic*, [link text](https://example.org), lists with “- ”, "
    "headings with “## ”. HTML is removed."
)


def can_preview(user) -> bool:
    """Staff with event permissions see drafts as readers would."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("events.view_event")
    )


class EventQuerySet(models.QuerySet):
    def public(self):
        """What anyone may see: published events, and cancelled ones (with the notice)."""
        return self.filter(status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED])

    def visible_to(self, user):
        return self if can_preview(user) else self.public()

    def upcoming(self, *, now=None):
        """Not over yet (running events included), soonest first."""
        now = now or timezone.now()
        return self.public().filter(ends_at__gte=now).order_by("starts_at", "pk")

    def past(self, *, now=None):
        now = now or timezone.now()
        return self.public().filter(ends_at__lt=now).order_by("-starts_at", "-pk")

    def next_change(self, now):
        """The next start, end or registration deadline of a public event: lists,
        the calendar and the registration form change then (for the page cache)."""
        times = self.public().aggregate(
            starts=models.Min("starts_at", filter=Q(starts_at__gt=now)),
            ends=models.Min("ends_at", filter=Q(ends_at__gt=now)),
            deadline=models.Min(
                "registration_deadline", filter=Q(registration_deadline__gt=now)
            ),
        )
        return min((when for when in times.values() if when), default=None)

    def with_counts(self):
        """`seats_taken` and `waiting_count` in the same query (no GROUP BY).

        Seats are the room's: online participants of a hybrid event take none
        (`RegistrationQuerySet.seated`)."""

        def count(registrations):
            return Coalesce(
                Subquery(
                    registrations.filter(event=OuterRef("pk"))
                    .order_by()
                    .values("event")
                    .annotate(n=Count("pk"))
                    .values("n")[:1]
                ),
                Value(0),
            )

        return self.annotate(
            seats_taken=count(Registration.objects.seated()),
            waiting_count=count(
                Registration.objects.filter(status=Registration.Status.WAITING)
            ),
        )

    def for_list(self):
        """For lists and feeds: without the long texts, with space and counts."""
        return (
            self.select_related("space", "forum")
            .defer(
                "description",
                "description_html",
                "summary",
                "summary_html",
                *EASY_TEXT_FIELDS,
            )
            .with_counts()
        )

    def for_home(self, *, limit: int = 3):
        """The home page's "Nächste Termine": the next published events."""
        return self.upcoming().filter(status=Event.Status.PUBLISHED).for_list()[:limit]


class Event(SlugFromTitle, images.Renditions, EasyLanguageMixin, StatesMixin):
    slug_fallback = "veranstaltung"
    # Addresses under /veranstaltungen/ that are not events.
    reserved_slugs = frozenset(
        {"archiv", "kalender", "kalender-ics", "feed", "anmeldung"}
    )

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    class Format(models.TextChoices):
        # The values are the German words of the filter (?format=vor-ort).
        ON_SITE = "vor-ort", _("On site")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid (on site and online)")

    class Access(models.TextChoices):
        NONE = "none", _("No registration (just come)")
        OPEN = "open", _("Open to everyone")
        MEMBERS = "members", _("Members of the forum only")

    class Ask(models.TextChoices):
        NO = "no", _("not asked")
        OPTIONAL = "optional", _("asked, optional")
        REQUIRED = "required", _("asked, required")

    # The optional questions an editor chooses per event: field of Registration → label.
    QUESTIONS = {
        "organisation": _("Organisation"),
        "function": _("Function"),
        "dietary_needs": _("Dietary needs"),
        "accessibility_needs": _("Accessibility needs"),
    }
    IMAGE_WIDTHS = (480, 960, 1600)

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("address"),
        max_length=220,
        unique=True,
        blank=True,
        help_text=_(
            "The last part of the web address, as in /veranstaltungen/fachforum-"
            "gewerbe/. Leave empty to make it from the title; change it only before "
            "publishing, or links and calendar entries break."
        ),
        error_messages={
            "unique": _("An event with this address already exists."),
        },
    )
    teaser = models.TextField(
        _("teaser"),
        max_length=600,
        help_text=_("One to three sentences for lists, the home page and calendars."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=MARKDOWN_HELP
    )
    description_html = models.TextField(editable=False, default="")

    starts_at = models.DateTimeField(
        _("start"), help_text=_("German time (Europe/Berlin).")
    )
    ends_at = models.DateTimeField(_("end"))
    all_day = models.BooleanField(
        _("all day"),
        default=False,
        help_text=_("Only the days count; the times are not shown."),
    )

    format = models.CharField(
        _("format"), max_length=10, choices=Format.choices, default=Format.ON_SITE
    )
    venue_name = models.CharField(
        _("venue"),
        max_length=200,
        blank=True,
        help_text=_("For example “Kulturbahnhof Uslar”."),
    )
    venue_address = models.TextField(
        _("address of the venue"),
        max_length=500,
        blank=True,
        help_text=_("Street and town, one per line."),
    )
    accessibility = models.TextField(
        _("accessibility"),
        max_length=1000,
        blank=True,
        help_text=_(
            "For example: “barrierefrei zugänglich, Aufzug”, hearing loop, "
            "accessible toilet, sign language interpreting on request."
        ),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_(
            "The video conference. Shown only to registered participants and sent in "
            "their e-mails; never on the public page or in public calendars."
        ),
    )

    space = models.ForeignKey(
        "forums.Space",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("space"),
        help_text=_("Leave empty for an event of the project as a whole."),
    )
    forum = models.ForeignKey(
        "forums.Forum",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("forum"),
        help_text=_(
            "The forum of the space the event belongs to; for members-only "
            "registration its members may register."
        ),
    )
    organiser = models.ForeignKey(
        "contacts.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("organiser"),
        help_text=_("The contact person from the directory, shown on the page."),
    )
    staff_organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="organised_events",
        limit_choices_to={"is_staff": True},
        verbose_name=_("organisers in the administration"),
        help_text=_(
            "Staff accounts that may see this event's participants, download the "
            "list and write to them (editors may always)."
        ),
    )

    image = models.ImageField(
        _("image"),
        upload_to="events/",
        blank=True,
        validators=[validate_image],
        width_field="image_width",
        height_field="image_height",
    )
    image_width = models.PositiveIntegerField(null=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, editable=False)
    image_alt = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Required with an image: what it shows."),
    )
    image_renditions = models.JSONField(default=list, editable=False)

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    cancel_reason = models.TextField(
        _("reason for the cancellation"),
        blank=True,
        help_text=_("Shown on the page and sent to the participants."),
    )

    access = models.CharField(
        _("registration"),
        max_length=10,
        choices=Access.choices,
        default=Access.OPEN,
    )
    capacity = models.PositiveIntegerField(
        _("seats"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit."),
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        null=True,
        blank=True,
        help_text=_("Leave empty to take registrations until the event starts."),
    )
    waiting_list = models.BooleanField(
        _("waiting list"),
        default=True,
        help_text=_(
            "When all seats are taken, further people wait and move up by "
            "themselves (with an e-mail) when a seat becomes free."
        ),
    )
    ask_organisation = models.CharField(
        _("ask for the organisation"), max_length=10, choices=Ask.choices, default="no"
    )
    ask_function = models.CharField(
        _("ask for the function"), max_length=10, choices=Ask.choices, default="no"
    )
    ask_dietary_needs = models.CharField(
        _("ask for dietary needs"), max_length=10, choices=Ask.choices, default="no"
    )
    ask_accessibility_needs = models.CharField(
        _("ask for accessibility needs"),
        max_length=10,
        choices=Ask.choices,
        default="no",
    )

    documents = models.ManyToManyField(
        "documents.Document",
        blank=True,
        related_name="events",
        verbose_name=_("documents"),
        help_text=_(
            "Invitation and agenda before; minutes, slides and photos afterwards "
            "(only published documents are shown)."
        ),
    )
    summary = models.TextField(
        _("summary afterwards"),
        blank=True,
        help_text=format_lazy(
            "{} {}", _("What came of the event, a few sentences."), MARKDOWN_HELP
        ),
    )
    summary_html = models.TextField(editable=False, default="")
    recap_article = models.ForeignKey(
        "news.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recapped_events",
        verbose_name=_("recap article"),
        help_text=_("The news article that reports on the event."),
    )

    # Calendars: the UID never changes; SEQUENCE counts the changes readers must see.
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    sequence = models.PositiveIntegerField(_("version"), default=0, editable=False)
    anonymised_at = models.DateTimeField(
        _("personal data anonymised"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    # Full-text search (search/) over title, teaser, description, venue and summary,
    # with pairs of neighbouring words for quoted phrases: filled by a PostgreSQL
    # trigger (migration 0004); empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False, serialize=False)
    title_vector = SearchVectorField(null=True, editable=False, serialize=False)
    phrase_vector = SearchVectorField(null=True, editable=False, serialize=False)

    objects = fulltext.manager_without_vectors(EventQuerySet)()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["status", "ends_at"], name="events_event_list_idx")
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.fill_slug()
        self.description_html = markdown.render(self.description)
        self.summary_html = markdown.render(self.summary)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:event-detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = self.slug_errors()
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("The event cannot end before it starts.")
        if (
            self.registration_deadline
            and self.starts_at
            and self.registration_deadline > self.starts_at
        ):
            errors["registration_deadline"] = _(
                "The registration deadline must not be after the start."
            )
        if self.access == self.Access.MEMBERS and not self.forum_id:
            errors["forum"] = _(
                "Members-only registration needs the forum whose members may come."
            )
        if self.forum_id and self.space_id and self.forum.space_id != self.space_id:
            errors["forum"] = _("This forum belongs to another space.")
        if self.format != self.Format.ONLINE and not self.venue_name.strip():
            errors["venue_name"] = _("An event on site needs a venue.")
        upcoming = self.ends_at is None or self.ends_at >= timezone.now()
        # Past events (entered afterwards for their documentation) need no link.
        if self.format != self.Format.ON_SITE and not self.online_url and upcoming:
            errors["online_url"] = _(
                "An online or hybrid event needs the link to the video conference."
            )
        if self.status == self.Status.CANCELLED and not self.cancel_reason.strip():
            errors["cancel_reason"] = _(
                "Please tell the participants why the event is cancelled."
            )
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Please give both latitude and longitude, or none.")
        if self.image and not self.image_alt.strip():
            errors["image_alt"] = _(
                "Please describe the image in a few words (alternative text) for "
                "people who cannot see it."
            )
        if errors:
            raise ValidationError(errors)

    # --- time -------------------------------------------------------------------

    @property
    def local_start(self) -> datetime.datetime:
        return timezone.localtime(self.starts_at, BERLIN)

    @property
    def local_end(self) -> datetime.datetime:
        return timezone.localtime(self.ends_at, BERLIN)

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def spans_days(self) -> bool:
        return self.local_start.date() != self.local_end.date()

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    # --- place ------------------------------------------------------------------

    @property
    def is_on_site(self) -> bool:
        return self.format != self.Format.ONLINE

    @property
    def is_online(self) -> bool:
        return self.format != self.Format.ON_SITE

    @property
    def is_hybrid(self) -> bool:
        """Each participant chooses: on site or online (`Registration.attendance`)."""
        return self.format == self.Format.HYBRID

    @property
    def location_text(self) -> str:
        """The place in one line, as calendars show it."""
        if not self.is_on_site:
            return str(_("Online"))
        parts = [self.venue_name, *self.venue_address.splitlines()]
        return ", ".join(part.strip() for part in parts if part.strip())

    @property
    def has_geo(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    # --- registration -----------------------------------------------------------

    @property
    def takes_registrations(self) -> bool:
        return self.access != self.Access.NONE

    @property
    def is_members_only(self) -> bool:
        return self.access == self.Access.MEMBERS

    @property
    def deadline(self) -> datetime.datetime:
        return self.registration_deadline or self.starts_at

    @property
    def registration_is_open(self) -> bool:
        """Published, taking registrations, and the deadline has not passed."""
        return (
            self.is_published
            and self.takes_registrations
            and timezone.now() < self.deadline
        )

    def takes_seat(self, attendance: str) -> bool:
        """Whether a participant who takes part so counts against `capacity`.

        The seat limit is the room's (size, catering): online participants of a
        hybrid event take no seat, so they are never refused or put on the waiting
        list for want of one. At an online event the limit is the conference's and
        counts everyone; a hybrid participant who did not say (registered before
        the question, or by a caller that does not ask) is kept a seat.
        """
        return not (self.is_hybrid and attendance == Registration.Attendance.ONLINE)

    def seats_left(self, taken: int | None = None) -> int | None:
        """Free seats (None: no limit). `taken` defaults to the annotated count."""
        if self.capacity is None:
            return None
        if taken is None:
            taken = getattr(self, "seats_taken", None)
            if taken is None:
                taken = self.registrations.seated().count()
        return max(self.capacity - taken, 0)

    @property
    def participant_count(self) -> int:
        """Everyone with a place: the seats taken, and a hybrid event's online ones."""
        taken = getattr(self, "seats_taken", None)
        if self.is_hybrid or taken is None:
            return self.registrations.confirmed().count()
        return taken

    @property
    def free_seats(self) -> int | None:
        return self.seats_left()

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.seats_left() == 0

    @property
    def is_nearly_full(self) -> bool:
        left = self.seats_left()
        return left is not None and 0 < left <= max(3, (self.capacity or 0) // 10)

    def question(self, field: str) -> str:
        """How the registration form asks for a Registration field: no/optional/required."""
        return getattr(self, f"ask_{field}")

    @property
    def asked_questions(self) -> list[str]:
        return [field for field in self.QUESTIONS if self.question(field) != "no"]

    # --- image ------------------------------------------------------------------

    # --- calendars --------------------------------------------------------------

    @property
    def ical_uid(self) -> str:
        # A constant domain: the UID must survive a change of the site's address.
        return f"{self.uid}@regiondermitte.de"


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        """Those who count: waiting for the mail link, confirmed, or waiting."""
        return self.filter(status__in=Registration.ACTIVE)

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting(self):
        """The waiting list, first come first served."""
        return self.filter(status=Registration.Status.WAITING).order_by(
            "confirmed_at", "pk"
        )

    def participants(self):
        """Confirmed participants, for the lists organisers download."""
        return self.confirmed().select_related("user").order_by("name", "pk")

    def on_site(self):
        """Without those who take part in a hybrid event online (see
        `Event.takes_seat`)."""
        return self.exclude(
            attendance=Registration.Attendance.ONLINE, event__format=Event.Format.HYBRID
        )

    def seated(self):
        """Confirmed and taking one of the event's seats."""
        return self.confirmed().on_site()


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the e-mail confirmation")
        CONFIRMED = "confirmed", _("Registered")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    class Attendance(models.TextChoices):
        # The values are those of Event.Format.
        ON_SITE = "vor-ort", _("On site")
        ONLINE = "online", _("Online")

    ACTIVE = [Status.PENDING, Status.CONFIRMED, Status.WAITING]

    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("event"),
    )
    # With an account, its data goes with it; without, name and e-mail are all.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name=_("account"),
    )
    name = models.CharField(_("name"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=150, blank=True)
    function = models.CharField(_("function"), max_length=150, blank=True)
    dietary_needs = models.CharField(_("dietary needs"), max_length=300, blank=True)
    accessibility_needs = models.CharField(
        _("accessibility needs"), max_length=300, blank=True
    )
    # Asked only at a hybrid event; at the others the event's format says it, and
    # blank here. Blank at a hybrid event (not asked yet) counts as on site.
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)
    # When the registration counted (confirmed by mail, or at once with an account):
    # the waiting list's order.
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    # The language of the page the registration was made on: a guest has no account
    # whose language the mails could follow.
    language = models.CharField(
        _("language of e-mails"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "confirmed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(
                    user__isnull=False, status__in=["pending", "confirmed", "waiting"]
                ),
                name="events_registration_one_per_account",
            ),
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(status__in=["pending", "confirmed", "waiting"])
                & ~Q(email=""),
                name="events_registration_one_per_address",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status"], name="events_reg_status_idx")
        ]

    def __str__(self):
        return f"{self.display_name} – {self.event}"

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        if self.user_id:
            return self.user.display_name or self.user.email
        return str(_("anonymised"))

    @property
    def address(self) -> str:
        """Where mail goes: the account's address, or the one given."""
        return self.user.email if self.user_id else self.email

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def attends_online(self) -> bool:
        """At an online event, or online by their choice at a hybrid one."""
        event = self.event
        return event.format == Event.Format.ONLINE or not event.takes_seat(
            self.attendance
        )

    @property
    def waiting_position(self) -> int | None:
        if self.status != self.Status.WAITING:
            return None
        return (
            Registration.objects.filter(event_id=self.event_id)
            .waiting()
            .filter(
                Q(confirmed_at__lt=self.confirmed_at)
                | Q(confirmed_at=self.confirmed_at, pk__lt=self.pk)
            )
            .count()
            + 1
        )
