"""The contact directory: who is responsible, in which state, for what.

Persons belong to an organisation; the directory groups them by it. Persons are either
people (the seed's regional manager) or role addresses ("Wirtschaftsförderung Landkreis
Höxter"): the portal keeps no private data of people who did not agree to be listed.
"""

import re

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import fulltext
from core.images import ImageField, validate_image
from core.states import State, StatesMixin

_DOMAIN = re.compile(r"[a-z0-9äöüß-]+(\.[a-z0-9äöüß-]+)+")


class OrganisationType(models.TextChoices):
    # The values are the German filter values in URLs (?typ=landkreis).
    KOMMUNE = "kommune", _("Municipality")
    LANDKREIS = "landkreis", _("District")
    REGIONALMANAGEMENT = "regionalmanagement", _("Regional management")
    REGIONALPLANUNG = "regionalplanung", _("Regional planning")
    KAMMER = "kammer", _("Chamber")
    VEREIN = "verein", _("Association")
    UNTERNEHMEN = "unternehmen", _("Company")
    SONSTIGE = "sonstige", _("Other")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=200, unique=True)
    type = models.CharField(_("type"), max_length=20, choices=OrganisationType.choices)
    state = models.CharField(_("state"), max_length=2, choices=State.choices)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    phone = models.CharField(
        _("phone"),
        max_length=50,
        blank=True,
        help_text=_("As people write it, e.g. 0 56 92 / 99 777 - 14."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email_domain = models.CharField(
        _("e-mail domain"),
        max_length=100,
        blank=True,
        help_text=_(
            "Addresses at this domain confirm that someone works here, e.g. "
            "landkreiskassel.de. Leave it empty where anyone can have an address "
            "at the domain."
        ),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("contacts:organisation-detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        self.email_domain = self.email_domain.strip().lower().removeprefix("@")
        if self.email_domain and (
            "." not in self.email_domain or not _DOMAIN.fullmatch(self.email_domain)
        ):
            raise ValidationError(
                {"email_domain": _("Please enter a domain such as landkreiskassel.de.")}
            )

    @property
    def has_address(self) -> bool:
        return bool(self.street or self.postcode or self.city)

    def matches_email(self, email: str) -> bool:
        """Whether an address is one of this organisation's own (its domain or a
        subdomain of it): only then can it confirm an affiliation by itself."""
        if not self.email_domain or "@" not in email:
            return False
        domain = email.rsplit("@", 1)[1].lower()
        return domain == self.email_domain or domain.endswith(f".{self.email_domain}")


class Topic(models.Model):
    """A subject people ask about (Gewerbeflächen, Mobilität…); kept by the editors."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("address"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self):
        return self.name


class PersonQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def directory(self):
        """Published persons in directory order: by organisation, then as editors sort."""
        return (
            self.published()
            .select_related("organisation")
            .prefetch_related("topics")
            .order_by("organisation__name", "organisation_id", "order", "name")
        )

    def on_home(self, limit: int = 8):
        """The persons for the home page's "Ihre Ansprechpersonen" (bounded)."""
        return (
            self.published()
            .filter(show_on_home=True)
            .select_related("organisation")
            .order_by("order", "name")[:limit]
        )

    def search(self, text: str):
        """Every word must appear in the name, function, organisation or a topic."""
        queryset = self
        for word in text.split():
            topic_match = Person.topics.through.objects.filter(
                person=OuterRef("pk"), topic__name__icontains=word
            )
            queryset = queryset.filter(
                Q(name__icontains=word)
                | Q(function__icontains=word)
                | Q(organisation__name__icontains=word)
                | Q(organisation__city__icontains=word)
                | Q(Exists(topic_match))
            )
        return queryset


PersonManager = fulltext.manager_without_vectors(PersonQuerySet)


class Person(StatesMixin):
    """An entry of the directory: a named person or a role address of an organisation."""

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_(
            "A person's name, or a role such as “Wirtschaftsförderung Landkreis "
            "Höxter”."
        ),
    )
    family_name = models.CharField(
        _("family name"),
        max_length=100,
        blank=True,
        help_text=_(
            "Sorts the entry in address books (vCard). Leave empty for role addresses."
        ),
    )
    slug = models.SlugField(_("address"), max_length=200, unique=True)
    function = models.CharField(_("function"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="persons",
        verbose_name=_("organisation"),
    )
    phone = models.CharField(
        _("phone"),
        max_length=50,
        blank=True,
        help_text=_("As people write it, e.g. 0 56 92 / 99 777 - 14."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="persons", verbose_name=_("topics")
    )
    photo = ImageField(
        _("photo"),
        upload_to="contacts/photos/",
        blank=True,
        validators=[validate_image],
        width_field="photo_width",
        height_field="photo_height",
        help_text=_(
            "JPEG, PNG, WebP or GIF. The portal stores a re-encoded copy without "
            "metadata (location, camera)."
        ),
    )
    photo_width = models.PositiveIntegerField(null=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, editable=False)
    photo_thumbnail = models.ImageField(
        upload_to="contacts/photos/", blank=True, editable=False
    )
    photo_alt = models.CharField(
        _("photo description"),
        max_length=200,
        blank=True,
        help_text=_(
            "What the photo shows, for people who cannot see it, e.g. “Portrait "
            "of Oliver Sollbach”."
        ),
    )
    order = models.PositiveIntegerField(
        _("order"),
        default=0,
        help_text=_(
            "Smaller numbers come first, in the directory and on the home page."
        ),
    )
    show_on_home = models.BooleanField(_("on the home page"), default=False)
    published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("Unpublished entries appear nowhere on the site."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # Full-text search (search/) over name, function, topics and organisation,
    # with pairs of neighbouring words for quoted phrases: filled by PostgreSQL
    # triggers (migration 0003), also when topics or the organisation change;
    # empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False, serialize=False)
    title_vector = SearchVectorField(null=True, editable=False, serialize=False)
    phrase_vector = SearchVectorField(null=True, editable=False, serialize=False)

    objects = PersonManager()

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["order", "name"]
        indexes = [models.Index(fields=["published", "show_on_home", "order"])]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.photo and not self.photo_alt.strip():
            raise ValidationError(
                {
                    "photo_alt": _(
                        "Please describe the photo for people who cannot see it."
                    )
                }
            )

    def get_absolute_url(self):
        return reverse("contacts:person-detail", kwargs={"slug": self.slug})

    def get_vcard_url(self):
        return reverse("contacts:person-vcard", kwargs={"slug": self.slug})

    @property
    def given_name(self) -> str:
        """The name without the family name, for the vCard's N property."""
        if self.family_name and self.name.endswith(self.family_name):
            return self.name.removesuffix(self.family_name).strip()
        return ""
