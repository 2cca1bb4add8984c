import datetime

import django_filters
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.easy_language import EasyLanguageFilter
from core.states import StateFilter
from forums.models import Space

from .models import BERLIN, Event


def _months():
    """The next twelve months (German names), as "2026-12"."""
    today = datetime.datetime.now(BERLIN).date().replace(day=1)
    months = []
    for offset in range(12):
        year, month = divmod(today.month - 1 + offset, 12)
        first = today.replace(year=today.year + year, month=month + 1)
        months.append((first.strftime("%Y-%m"), date_format(first, "F Y")))
    return months


def _years():
    return [
        (str(moment.year), str(moment.year))
        for moment in Event.objects.past().datetimes(
            "starts_at", "year", order="DESC", tzinfo=BERLIN
        )
    ]


class EventFilter(django_filters.FilterSet):
    """The events list's filters; German parameter names as in every list."""

    bereich = django_filters.ModelChoiceFilter(
        label=_("Space"),
        field_name="space",
        to_field_name="slug",
        queryset=Space.objects.all(),
        empty_label=_("All spaces"),
    )
    land = StateFilter()
    format = django_filters.ChoiceFilter(
        label=_("Format"),
        choices=Event.Format.choices,
        empty_label=_("All formats"),
    )
    monat = django_filters.ChoiceFilter(
        label=_("Month"),
        choices=_months,
        empty_label=_("All months"),
        method="filter_month",
    )
    leichte_sprache = EasyLanguageFilter()

    class Meta:
        model = Event
        fields = []

    def filter_month(self, queryset, name, value):
        year, month = (int(part) for part in value.split("-"))
        start = datetime.datetime(year, month, 1, tzinfo=BERLIN)
        end = datetime.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=BERLIN)
        # Running in the month at any time: starts before its end, ends after its start.
        return queryset.filter(starts_at__lt=end, ends_at__gte=start)


class ArchiveFilter(EventFilter):
    monat = None
    jahr = django_filters.ChoiceFilter(
        label=_("Year"),
        field_name="starts_at",
        lookup_expr="year",
        choices=_years,
        empty_label=_("All years"),
    )

    class Meta:
        model = Event
        fields = []
