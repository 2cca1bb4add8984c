from django import forms
from django.utils.translation import gettext_lazy as _

from core.states import State

from .kinds import KINDS


class SearchForm(forms.Form):
    """The search box and its filters. Never bound: the view reads the parameters
    leniently (any input gives a page) and shows what it searched for as initial
    values."""

    q = forms.CharField(
        label=_("Search for"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_(
            "Tip: “exact phrase” in quotes, -word to leave out what contains it, "
            "“oder” (or “or”) between alternatives."
        ),
    )
    typ = forms.ChoiceField(
        label=_("Area"),
        required=False,
        choices=[("", _("All areas")), *((kind.slug, kind.label) for kind in KINDS)],
    )
    land = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All states")), *State.choices],
    )
