"""Who is responsible for a municipality: "Wer ist zuständig?".

The answer differs by state (a regional planning authority in Hessen is the
Regierungspräsidium, in Niedersachsen the Landkreis), so every municipality names its
bodies task by task, each an organisation of the directory, kept by the editors.
"""

import difflib

from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Affiliation
from core.states import State

from .directory import Organisation, Person


class Task(models.TextChoices):
    """What a body does for a municipality, in the order the answer lists them."""

    REGIONAL_PLANNING = "regionalplanung", _("Regional planning")
    STATE_AUTHORITY = "landesbehoerde", _("State authority for the region")
    DISTRICT = "landkreis", _("District administration")
    BUSINESS_PROMOTION = "wirtschaftsfoerderung", _("Business promotion")
    IHK = "ihk", _("Chamber of industry and commerce (IHK)")
    HWK = "hwk", _("Chamber of crafts (HWK)")
    EMPLOYMENT_AGENCY = "arbeitsagentur", _("Employment agency")

    @classmethod
    def position(cls, value: str) -> int:
        return cls.values.index(value) if value in cls.values else len(cls.values)


class MunicipalityQuerySet(models.QuerySet):
    def find(self, text: str):
        """By postcode (digits) or by a part of the name, names starting with it first."""
        text = " ".join((text or "").split())
        if not text:
            return self.none()
        if text.isdigit():
            return self.filter(postcodes__contains=text).order_by("name")
        return self.filter(name__icontains=text).order_by(
            models.Case(
                models.When(name__istartswith=text, then=0),
                default=1,
                output_field=models.IntegerField(),
            ),
            "name",
        )

    def closest(self, text: str, *, limit: int = 5) -> list:
        """The municipalities whose names are nearest to a misspelt one.

        The project area has a few hundred municipalities at most: their names are
        compared in Python, which knows nothing of PostgreSQL's extensions.
        """
        text = (text or "").strip()
        if text.isdigit():
            # An unknown postcode: those of the same postal area (its first digits).
            return list(
                self.filter(postcodes__contains=text[:3]).order_by("name")[:limit]
            )
        names = dict(self.values_list("name", "pk"))
        lowered = {name.lower(): name for name in names}
        matches = difflib.get_close_matches(text.lower(), lowered, n=limit, cutoff=0.6)
        pks = [names[lowered[match]] for match in matches]
        found = {m.pk: m for m in self.filter(pk__in=pks)}
        return [found[pk] for pk in pks if pk in found]

    def with_bodies(self):
        """With the responsible bodies, their organisations and contact persons, and
        the neighbours' bodies for the "Im Nachbarland zuständig" lines."""
        responsibilities = (
            Responsibility.objects.select_related("organisation", "person")
            .prefetch_related(
                Prefetch(
                    "organisation__affiliations",
                    Affiliation.objects.shown().select_related("user"),
                    to_attr="members",
                )
            )
            .order_by("task", "organisation__name")
        )
        return self.prefetch_related(
            Prefetch("responsibilities", responsibilities),
            Prefetch(
                "neighbours",
                Municipality.objects.order_by("name").prefetch_related(
                    Prefetch(
                        "responsibilities",
                        Responsibility.objects.select_related("organisation"),
                    )
                ),
            ),
        )


class Municipality(models.Model):
    """A municipality (Stadt or Gemeinde) of the project area."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("address"), max_length=100, unique=True)
    ags = models.CharField(
        _("municipality key (AGS)"),
        max_length=8,
        blank=True,
        help_text=_("The eight digits of the official municipality key, if known."),
    )
    state = models.CharField(_("state"), max_length=2, choices=State.choices)
    district = models.CharField(
        _("district"), max_length=100, help_text=_("e.g. Landkreis Kassel")
    )
    postcodes = models.CharField(
        _("postcodes"),
        max_length=200,
        blank=True,
        help_text=_("Separated by spaces, e.g. 34466 34467."),
    )
    neighbours = models.ManyToManyField(
        "self",
        blank=True,
        verbose_name=_("neighbouring municipalities"),
        help_text=_(
            "Neighbours across a state border show which body is responsible there."
        ),
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("Where the data comes from, e.g. the state's statistics office."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["ags"],
                condition=~Q(ags=""),
                name="contacts_municipality_unique_ags",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.state})"

    def get_absolute_url(self):
        return reverse("municipalities:detail", kwargs={"slug": self.slug})

    @property
    def postcode_list(self) -> list[str]:
        return self.postcodes.split()

    def bodies_by_task(self) -> list[dict]:
        """The responsible bodies grouped by task, in the order of `Task`, with the
        bodies that neighbours across a state border have for the same task instead.

        Reads only what `with_bodies()` prefetched.
        """
        groups: dict[str, dict] = {}
        for responsibility in self.responsibilities.all():
            group = groups.setdefault(
                responsibility.task,
                {
                    "task": responsibility.task,
                    "label": responsibility.get_task_display(),
                    "responsibilities": [],
                    "across_border": [],
                },
            )
            group["responsibilities"].append(responsibility)
        for group in groups.values():
            own = {r.organisation_id for r in group["responsibilities"]}
            across: dict[int, dict] = {}
            for neighbour in self.neighbours.all():
                if neighbour.state == self.state:
                    continue
                for other in neighbour.responsibilities.all():
                    if other.task != group["task"] or other.organisation_id in own:
                        continue
                    entry = across.setdefault(
                        other.organisation_id,
                        {"organisation": other.organisation, "neighbours": []},
                    )
                    if neighbour not in entry["neighbours"]:
                        entry["neighbours"].append(neighbour)
            for entry in across.values():
                entry["names"] = ", ".join(n.name for n in entry["neighbours"])
                entry["state"] = entry["neighbours"][0].get_state_display()
            group["across_border"] = list(across.values())
        return sorted(groups.values(), key=lambda g: Task.position(g["task"]))


class Responsibility(models.Model):
    """One body responsible for one task of a municipality."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="responsibilities",
        verbose_name=_("municipality"),
    )
    task = models.CharField(_("task"), max_length=30, choices=Task.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="responsibilities",
        verbose_name=_("responsible body"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsibilities",
        verbose_name=_("contact person"),
        help_text=_("An entry of the directory, best one of the body itself."),
    )
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("e.g. “lower regional planning authority”."),
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")
        ordering = ["task", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "task", "organisation"],
                name="contacts_responsibility_unique",
            )
        ]

    def __str__(self):
        return f"{self.get_task_display()}: {self.organisation}"
