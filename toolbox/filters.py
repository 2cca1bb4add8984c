import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.easy_language import EasyLanguageFilter
from core.states import StateFilter

from .models import ArgumentCard, PlanningTopic, StateSection


class CardFilter(django_filters.FilterSet):
    """The Werkzeugkasten's filters; German parameter names as in every list."""

    land = StateFilter()
    thema = django_filters.ChoiceFilter(
        label=_("Planning topic"),
        field_name="topic",
        choices=PlanningTopic.choices,
        empty_label=_("All topics"),
    )
    stand = django_filters.ChoiceFilter(
        label=_("Agreement"),
        field_name="status",
        choices=ArgumentCard.Status.choices,
        empty_label=_("Any agreement"),
    )
    q = django_filters.CharFilter(
        label=_("Words"), method="filter_words", max_length=200
    )
    leichte_sprache = EasyLanguageFilter()

    class Meta:
        model = ArgumentCard
        fields = []

    def filter_words(self, queryset, name, value):
        # A handful of cards per topic: a plain substring match over the short texts
        # is enough here; the site search (/suche/) ranks with full-text search.
        for word in value.split()[:8]:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(question__icontains=word)
                | Q(argument__icontains=word)
                | Q(
                    Exists(
                        StateSection.objects.filter(
                            card=OuterRef("pk"), basis__icontains=word
                        )
                    )
                )
            )
        return queryset
