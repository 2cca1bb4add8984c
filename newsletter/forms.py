from django import forms
from django.utils.translation import gettext_lazy as _

from core.states import State


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    states = forms.MultipleChoiceField(
        label=_("States of interest (optional)"),
        choices=State.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Without a choice you get every issue."),
    )
