"""The summary above a form's errors (templates/forms/form.html and
templates/accounts/_form_errors.html)."""

from django import template

register = template.Library()


@register.filter
def marks_fields(form) -> bool:
    """Whether a field the reader sees is marked with an error.

    Only then does the summary ask to correct "the marked fields": an error of the
    whole form (a wrong password, posting too fast) marks none, and a hidden field's
    error is shown in the summary itself.
    """
    return any(field.errors for field in form.visible_fields())
