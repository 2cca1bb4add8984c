"""The project's template tags and filters, used across the apps' templates."""

from django import template

from core import states, text

register = template.Library()

register.filter("tel_uri", text.tel_uri)


@register.simple_tag
def state_badges(item):
    """`{% state_badges article %}`: the badges of the states an item concerns."""
    return states.badges(item.states)


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
