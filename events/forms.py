from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Event, Registration
from .services import Answers

ANSWER_MAX_LENGTH = {
    "organisation": 150,
    "function": 150,
    "dietary_needs": 300,
    "accessibility_needs": 300,
}
# An optional question says so in its label, as the portal's other forms do; a
# required one is unmarked. Whole labels, so that a translation can word each.
OPTIONAL_LABELS = {
    "organisation": _("Organisation (optional)"),
    "function": _("Function (optional)"),
    "dietary_needs": _("Dietary needs (optional)"),
    "accessibility_needs": _("Accessibility needs (optional)"),
}
ANSWER_HELP = {
    "dietary_needs": _("For example vegetarian, vegan, allergies."),
    "accessibility_needs": _(
        "For example wheelchair space, hearing loop, sign language interpreting."
    ),
}


class AnswersForm(forms.Form):
    """The questions the event asks (per event), nothing else; at a hybrid event
    first whether the person comes on site or takes part online."""

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        if event.is_hybrid:
            # Radio buttons: rendered as a fieldset with the label as its legend.
            self.fields["attendance"] = forms.ChoiceField(
                label=_("How will you take part?"),
                choices=Registration.Attendance.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _(
                        "Please choose whether you take part on site or online."
                    )
                },
            )
        for field in event.asked_questions:
            required = event.question(field) == Event.Ask.REQUIRED
            self.fields[field] = forms.CharField(
                label=Event.QUESTIONS[field] if required else OPTIONAL_LABELS[field],
                max_length=ANSWER_MAX_LENGTH[field],
                required=required,
                help_text=ANSWER_HELP.get(field, ""),
            )

    def answers(self) -> Answers:
        return Answers(
            attendance=self.cleaned_data.get("attendance", ""),
            **{field: self.cleaned_data.get(field, "") for field in Event.QUESTIONS},
        )


class GuestRegistrationForm(AnswersForm):
    """Registration without an account: a name and an address to confirm."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_(
            "We send you a link to confirm your registration; only then does it count."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    field_order = ["name", "email"]

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, event=event, **kwargs)
        self.order_fields(["name", "email", "attendance", *event.asked_questions])


class ParticipantsMessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(
        label=_("Text"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Plain text. The link to the event page is added below it."),
    )
