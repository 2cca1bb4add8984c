import re

from django import template

register = template.Library()


@register.filter
def tel_uri(number: str) -> str:
    """A German number as written ("0 56 92 / 99 777 - 14") as a tel: URI (+49…)."""
    digits = re.sub(r"[^\d+]", "", number or "")
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    elif digits.startswith("0"):
        digits = "+49" + digits[1:]
    return f"tel:{digits}"


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters changed (filters survive paging).

    A page whose links are cached for everyone sets `page_query`, the parameters its
    links keep, so that nothing one reader typed into the address reaches another.
    """
    query = context.get("page_query", context["request"].GET).copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()
