from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def break_after_parenthesis(text: str) -> str:
    """Allows a line break after ")": "(Wirtschafts-)Region der Mitte" is otherwise one
    word that narrow screens can only cut at an arbitrary letter."""
    return mark_safe(escape(text).replace(")", ")<wbr>"))
