import django_filters
from django.utils.translation import gettext_lazy as _

from core.easy_language import EasyLanguageFilter
from core.states import StateFilter

from .models import Article, Category


def _years():
    """The years that have published articles, newest first (one query)."""
    return [
        (str(moment.year), str(moment.year))
        for moment in Article.objects.published()
        .select_related(None)
        .datetimes("published_at", "year", order="DESC")
    ]


class ArticleFilter(django_filters.FilterSet):
    """The news list's filters; the German parameter names are shared by all lists."""

    kategorie = django_filters.ModelChoiceFilter(
        label=_("Category"),
        field_name="category",
        to_field_name="slug",
        queryset=Category.objects.all(),
        empty_label=_("All categories"),
    )
    land = StateFilter()
    jahr = django_filters.ChoiceFilter(
        label=_("Year"),
        field_name="published_at",
        lookup_expr="year",
        choices=_years,
        empty_label=_("All years"),
    )
    leichte_sprache = EasyLanguageFilter()

    class Meta:
        model = Article
        fields = []
