"""The Werkzeugkasten: argument cards for regional and sectoral planning in HE, NI, NW.

A card answers one planning question with an argument and, per state it applies to, a
section naming the legal and planning basis there (Landesentwicklungsplan,
Regionalplan or Regionales Raumordnungsprogramm, the planning authority), what differs
and what to do. Whether it is published (readers see it) and how far it is agreed
(Entwurf, in Abstimmung, abgestimmt) are two separate things: a Fachforum discusses
published drafts too. Every publication freezes a `CardVersion` with a stable address.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core import fulltext, markdown
from core.easy_language import EASY_TEXT_FIELDS, EasyLanguageMixin
from core.states import State, StatesMixin
from core.text import SlugFromTitle

MARKDOWN_HELP = _(
    "Markdown: **bold**, *italic*, [link text](https://example.org), lists with “- ”. "
    "HTML is removed."
)


class PlanningTopic(models.TextChoices):
    # The values are the German words of the filter (?thema=mobilitaet).
    COMMERCIAL_LAND = "gewerbeflaechen", _("Commercial land")
    MOBILITY = "mobilitaet", _("Mobility")
    SKILLED_WORKERS = "fachkraefte", _("Skilled workers")
    SETTLEMENT = "siedlungsentwicklung", _("Settlement development")
    SERVICES = "daseinsvorsorge", _("Public services")
    ENERGY = "energie", _("Energy and climate")


def can_preview(user) -> bool:
    """Editors see unpublished cards as readers would (the admin's preview)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("toolbox.view_argumentcard")
    )


class CardQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        """Published cards; editors see all, and whoever drafted a card sees it."""
        if can_preview(user):
            return self
        if user.is_authenticated:
            return self.filter(Q(is_published=True) | Q(drafted_by=user))
        return self.published()

    def for_list(self):
        """Without the long texts; the sections (short) come along in one query."""
        return self.defer(
            "reasoning", "reasoning_html", *EASY_TEXT_FIELDS
        ).prefetch_related(
            Prefetch(
                "sections",
                queryset=StateSection.objects.only(
                    "card_id", "state", "basis_html", "authority"
                ),
            )
        )

    def newly_agreed(self):
        return (
            self.published()
            .filter(status=ArgumentCard.Status.AGREED)
            .order_by("-agreed_on", "-pk")
        )


class ArgumentCard(SlugFromTitle, EasyLanguageMixin, StatesMixin):
    slug_fallback = "argumentationshilfe"
    # Addresses under /werkzeugkasten/ that are not cards.
    reserved_slugs = frozenset({"pdf", "feed", "aus-thema"})

    class Status(models.TextChoices):
        DRAFT = "entwurf", _("Draft")
        IN_REVIEW = "in-abstimmung", _("Under discussion")
        AGREED = "abgestimmt", _("Agreed")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("address"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_(
            "The last part of the web address, as in /werkzeugkasten/interkommunale-"
            "gewerbegebiete/. Leave empty to make it from the title."
        ),
        error_messages={"unique": _("A card with this address already exists.")},
    )
    topic = models.CharField(
        _("planning topic"), max_length=30, choices=PlanningTopic.choices
    )
    question = models.TextField(
        _("question"),
        max_length=500,
        help_text=_(
            "The question the card answers, as a planner would ask it: "
            "“May we designate a commercial area together with a neighbouring "
            "municipality across the state border?”"
        ),
    )
    argument = models.TextField(
        _("core argument"),
        max_length=1500,
        help_text=format_lazy(
            "{} {}", _("Short: what a council member should remember."), MARKDOWN_HELP
        ),
    )
    argument_html = models.TextField(editable=False, default="")
    reasoning = models.TextField(_("reasoning"), blank=True, help_text=MARKDOWN_HELP)
    reasoning_html = models.TextField(editable=False, default="")

    status = models.CharField(
        _("agreement"), max_length=15, choices=Status.choices, default=Status.DRAFT
    )
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    agreed_by = models.ForeignKey(
        "forums.Forum",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agreed by (Fachforum)"),
    )
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Readers see only published cards; drafts are for editors."),
    )
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)

    source_topic = models.ForeignKey(
        "forums.Topic",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("forum topic it came from"),
    )
    forum_topics = models.ManyToManyField(
        "forums.Topic",
        blank=True,
        related_name="argument_cards",
        verbose_name=_("related forum topics"),
    )
    events = models.ManyToManyField(
        "events.Event",
        blank=True,
        related_name="argument_cards",
        verbose_name=_("related events"),
    )
    contacts = models.ManyToManyField(
        "contacts.Person",
        blank=True,
        related_name="argument_cards",
        verbose_name=_("contact persons"),
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="drafted_cards",
        verbose_name=_("drafted by"),
    )
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # Full-text search (search/) over title, question, argument, reasoning and what
    # the state sections say: filled by PostgreSQL triggers (migration 0004), also
    # when a section changes; empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False, serialize=False)
    title_vector = SearchVectorField(null=True, editable=False, serialize=False)
    phrase_vector = SearchVectorField(null=True, editable=False, serialize=False)

    objects = fulltext.manager_without_vectors(CardQuerySet)()

    class Meta:
        verbose_name = _("argument card")
        verbose_name_plural = _("argument cards")
        ordering = ["topic", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="abgestimmt") | Q(agreed_on__isnull=False),
                name="toolbox_card_agreed_has_date",
                violation_error_message=_(
                    "An agreed card needs the date of agreement."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.fill_slug()
        self.argument_html = markdown.render(self.argument)
        self.reasoning_html = markdown.render(self.reasoning)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("toolbox:card-detail", kwargs={"slug": self.slug})

    def get_pdf_url(self):
        return reverse("toolbox:card-pdf", kwargs={"slug": self.slug})

    def clean(self):
        errors = self.slug_errors()
        if self.status == self.Status.AGREED and not self.agreed_on:
            errors["agreed_on"] = _(
                "An agreed card needs the date on which the Fachforum agreed it."
            )
        if errors:
            raise ValidationError(errors)

    def sections_for(self, state: str | None) -> list["StateSection"]:
        """The card's sections, the reader's state first (then HE, NI, NW)."""
        order = [s.value for s in State]
        sections = sorted(self.sections.all(), key=lambda s: order.index(s.state))
        if state:
            sections.sort(key=lambda s: s.state != state)
        return sections


class StateSection(models.Model):
    """What the argument rests on in one state, and what to do there."""

    card = models.ForeignKey(
        ArgumentCard,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("card"),
    )
    state = models.CharField(_("state"), max_length=2, choices=State.choices)
    basis = models.TextField(
        _("legal and planning basis"),
        help_text=format_lazy(
            "{} {}",
            _(
                "Landesentwicklungsplan / Landes-Raumordnungsprogramm, Regionalplan "
                "or Regionales Raumordnungsprogramm, laws; name the section where it "
                "is confirmed."
            ),
            MARKDOWN_HELP,
        ),
    )
    basis_html = models.TextField(editable=False, default="")
    authority = models.CharField(
        _("planning authority"),
        max_length=300,
        blank=True,
        help_text=_("For example “Regierungspräsidium Kassel (Regionalplanung)”."),
    )
    differences = models.TextField(
        _("what differs here"), blank=True, help_text=MARKDOWN_HELP
    )
    differences_html = models.TextField(editable=False, default="")
    action = models.TextField(_("what to do"), blank=True, help_text=MARKDOWN_HELP)
    action_html = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("state section")
        verbose_name_plural = _("state sections")
        constraints = [
            models.UniqueConstraint(
                fields=["card", "state"],
                name="toolbox_section_one_per_state",
                violation_error_message=_("The card has a section for this state."),
            )
        ]

    def __str__(self):
        return self.get_state_display()

    def save(self, *args, **kwargs):
        self.basis_html = markdown.render(self.basis)
        self.differences_html = markdown.render(self.differences)
        self.action_html = markdown.render(self.action)
        super().save(*args, **kwargs)


class DocumentSource(models.Model):
    """A document of the library the card rests on, with the pages that matter."""

    card = models.ForeignKey(
        ArgumentCard,
        on_delete=models.CASCADE,
        related_name="document_sources",
        verbose_name=_("card"),
    )
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("document"),
    )
    pages = models.CharField(
        _("pages"), max_length=50, blank=True, help_text=_("For example “12–14”.")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("document from the library")
        verbose_name_plural = _("documents from the library")
        ordering = ["order", "pk"]

    def __str__(self):
        return str(self.document)


class Citation(models.Model):
    """An outside source: a plan, a law, a study."""

    card = models.ForeignKey(
        ArgumentCard,
        on_delete=models.CASCADE,
        related_name="citations",
        verbose_name=_("card"),
    )
    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    url = models.URLField(_("web address"), max_length=500, blank=True)
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("Which part matters, or what could not be confirmed."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


class CardVersion(models.Model):
    """A published version of a card, frozen as it was read, at its own address."""

    card = models.ForeignKey(
        ArgumentCard,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("card"),
    )
    number = models.PositiveIntegerField(_("number"))
    change_note = models.CharField(_("what changed"), max_length=500)
    status = models.CharField(
        _("agreement"), max_length=15, choices=ArgumentCard.Status.choices
    )
    snapshot = models.JSONField(_("content"), default=dict)
    created_at = models.DateTimeField(_("published at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["card", "number"], name="toolbox_version_number_unique"
            )
        ]

    def __str__(self):
        return f"{self.card} ({self.number})"

    def get_absolute_url(self):
        return reverse(
            "toolbox:card-version",
            kwargs={"slug": self.card.slug, "number": self.number},
        )
