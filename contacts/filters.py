import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.states import State, StateFilter

from .models import OrganisationType, Person, Topic


def _topics_in_use(request):
    # Only topics someone in the directory covers: a choice never leads to nothing.
    return Topic.objects.filter(persons__published=True).distinct()


class PersonFilter(django_filters.FilterSet):
    """The directory's filters; parameter names are the portal's shared German ones."""

    land = StateFilter()
    typ = django_filters.ChoiceFilter(
        field_name="organisation__type",
        choices=OrganisationType.choices,
        label=_("Type of organisation"),
        empty_label=_("All types"),
    )
    thema = django_filters.ModelChoiceFilter(
        field_name="topics",
        queryset=_topics_in_use,
        to_field_name="slug",
        label=_("Topic"),
        empty_label=_("All topics"),
    )
    q = django_filters.CharFilter(
        method="filter_text",
        label=_("Search term"),
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    class Meta:
        model = Person
        fields = []

    def filter_text(self, queryset, name, value):
        return queryset.search(value)

    def selection(self) -> dict[str, str]:
        """The chosen filters as readable labels, e.g. {"Land": "Hessen"}."""
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.form.cleaned_data
        labels = {}
        if data.get("land"):
            labels[str(_("State"))] = str(State(data["land"]).label)
        if data.get("typ"):
            labels[str(_("Type of organisation"))] = str(
                OrganisationType(data["typ"]).label
            )
        if data.get("thema"):
            labels[str(_("Topic"))] = data["thema"].name
        if data.get("q"):
            labels[str(_("Search term"))] = data["q"]
        return labels
