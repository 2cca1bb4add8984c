"""The three federal states the region spans, and how content says which it concerns.

Every app tags its content with states: this is the portal's core idea. Three boolean
columns keep it fast to filter (no join, indexable) on SQLite and PostgreSQL alike.
"""

from functools import lru_cache

import django_filters
from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    HE = "HE", _("Hesse")
    NI = "NI", _("Lower Saxony")
    NW = "NW", _("North Rhine-Westphalia")


STATE_FIELDS = {State.HE: "state_he", State.NI: "state_ni", State.NW: "state_nw"}


class StatesMixin(models.Model):
    state_he = models.BooleanField(_("Hesse"), default=False)
    state_ni = models.BooleanField(_("Lower Saxony"), default=False)
    state_nw = models.BooleanField(_("North Rhine-Westphalia"), default=False)

    class Meta:
        abstract = True

    @property
    def states(self) -> list[State]:
        return [state for state, field in STATE_FIELDS.items() if getattr(self, field)]

    @property
    def is_cross_state(self) -> bool:
        """All three states: the project's word for it is "länderübergreifend"."""
        return len(self.states) == len(State)


def badges(states) -> SafeString:
    """The badges of `states` (an item's `states`) as every page shows them: each
    state's abbreviation, or "cross-state" for all three."""
    if not states:
        return mark_safe("")  # noqa: S308
    return _badges(get_language(), tuple(states))


@lru_cache(maxsize=64)
def _badges(language: str, states: tuple[State, ...]) -> SafeString:
    # Seven sets of states in each language: made once, not for every item of a
    # list (through a template, the badges of a forum's topics took a tenth of
    # its page).
    if len(states) == len(State):
        items = format_html(
            '<li class="badge badge--state">{}</li>', gettext("cross-state")
        )
    else:
        items = format_html_join(
            "",
            '<li class="badge badge--state" title="{}"><abbr title="{}">{}</abbr></li>',
            ((state.label, state.label, state.value) for state in states),
        )
    return format_html(
        '<ul class="states" aria-label="{}">{}</ul>', gettext("States"), items
    )


def filter_by_state(queryset, state: str):
    field = STATE_FIELDS.get(state)
    return queryset.filter(**{field: True}) if field else queryset


class StateFilter(django_filters.ChoiceFilter):
    """A django-filter field for "content that concerns state X"."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("State"))
        kwargs.setdefault("choices", State.choices)
        kwargs.setdefault("empty_label", _("All states"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        return filter_by_state(qs, value) if value else qs
