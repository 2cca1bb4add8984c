from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ContactMessage


class ContactForm(forms.ModelForm):
    """The contact form to the operator; no account needed."""

    class Meta:
        model = ContactMessage
        fields = ["name", "email", "subject", "message"]
        labels = {
            "name": _("Your name"),
            "email": _("Your e-mail address"),
            "subject": _("Subject"),
            "message": _("Your message"),
        }
        help_texts = {
            "email": _("We answer to this address and send you a copy of the message."),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "message": forms.Textarea(attrs={"rows": 10}),
        }
