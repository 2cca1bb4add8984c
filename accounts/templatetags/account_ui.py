import re

from django import forms, template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

register = template.Library()

# (label, URL name, further paths that belong to the same entry)
ENTRIES = [
    (_("Profile"), "accounts:profile", ()),
    (_("Affiliations"), "accounts:affiliations", ()),
    (_("E-mail addresses"), "account_email", ()),
    (_("Change password"), "account_change_password", ("account_set_password",)),
    (_("Two-factor authentication"), "mfa_index", ()),
    (_("Notifications"), "notification-settings", ()),
    (_("My data"), "accounts:data", ()),
    (_("Delete account"), "accounts:delete", ()),
]


@register.inclusion_tag("accounts/_nav.html", takes_context=True)
def account_nav(context):
    """The account sub-navigation; the entry of the current page is marked.

    An entry's own page is `aria-current="page"`; pages below it (such as the
    authenticator setup below two-factor authentication) mark it `"true"`.
    """
    path = context["request"].path
    items = []
    for label, name, related in ENTRIES:
        url = reverse(name)
        prefixes = [url, *(reverse(other) for other in related)]
        if path in prefixes:
            current = "page"
        elif any(path.startswith(prefix) for prefix in prefixes):
            current = "true"
        else:
            current = ""
        items.append({"label": label, "url": url, "current": current})
    return {"items": items}


@register.filter
def plain_form(form):
    """allauth's forms in the site's manner: no placeholders that repeat the label
    (they vanish while typing and read poorly), no colon after a checkbox's label,
    and the password rules as sentences: a list cannot sit in the help paragraph
    that the field's aria-describedby points to."""
    for name, field in form.fields.items():
        field.widget.attrs.pop("placeholder", None)
        if name == "code":
            # Authenticator and recovery codes are digits: the phone's number pad.
            field.widget.attrs.setdefault("inputmode", "numeric")
        items = re.findall(r"<li>(.*?)</li>", str(field.help_text or ""), re.DOTALL)
        if items:
            field.help_text = " ".join(items)
        if isinstance(field.widget, forms.CheckboxInput):
            field.label_suffix = ""
    return form


@register.filter
def in_groups(value: str, size: int = 4) -> str:
    """A long key in groups ("ABCD EFGH …") that a person can copy by eye."""
    value = str(value)
    return " ".join(value[i : i + size] for i in range(0, len(value), size))
