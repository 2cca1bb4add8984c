import django_filters
from django import forms
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from core.easy_language import EasyLanguageFilter
from core.states import StateFilter

from .models import Category, Document


def _years(request):
    """The years that have documents a reader may see, newest first."""
    if request is None:
        return []
    years = (
        Document.objects.visible_to(request.user)
        .annotate(year=ExtractYear("published_on"))
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    return [(str(year), str(year)) for year in years]


class DocumentFilter(django_filters.FilterSet):
    kategorie = django_filters.ChoiceFilter(
        field_name="category",
        label=_("Category"),
        choices=Category.choices,
        empty_label=_("All categories"),
    )
    land = StateFilter()
    jahr = django_filters.ChoiceFilter(
        label=_("Year"), empty_label=_("All years"), method="filter_year"
    )
    versionen = django_filters.BooleanFilter(
        label=_("Also show replaced versions"),
        method="filter_versions",
        widget=forms.CheckboxInput(attrs={"value": "alle"}),
        label_suffix="",
    )
    leichte_sprache = EasyLanguageFilter()

    class Meta:
        model = Document
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["jahr"].extra["choices"] = lambda: _years(self.request)
        if not self.is_bound:
            # filter_queryset only runs for a bound form; the plain list is current too.
            self.queryset = self.queryset.current()

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("versionen"):
            queryset = queryset.current()
        return queryset

    def filter_year(self, queryset, name, value):
        return queryset.filter(published_on__year=int(value))

    def filter_versions(self, queryset, name, value):
        # Applied in qs: without the box ticked, only current versions are listed.
        return queryset
