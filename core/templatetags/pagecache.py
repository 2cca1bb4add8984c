"""`{% contentcache "name" vary… %}…{% endcontentcache %}`: a fragment of a page that
is the same for everyone who shares the `vary` values, kept until one of the groups
its page depends on changes (`core.pagecache.depends`).

Signed-in readers get whole stored pages only where the view declares what of the
reader they show (`core.pagecache.same_for`); elsewhere the parts that are not theirs
come from here. Only put markup in a fragment that depends on nothing but content and
the `vary` values: never the user unless the user is a `vary` value. A CSRF token is
kept only as the page cache's hole (a fragment with a reader's own token is rendered,
not kept). A fragment on every page names the groups it depends on itself:
`{% contentcache "site-footer" depends="all" %}` (else it would be kept once per kind
of page). A value that each page prints in the fragment, but that should not make a
fragment of its own (the query in the header's search box), is filled in:
`{% contentcache "site-header" fill="search_query" %}` keeps a hole where the fragment
prints `{{ search_query }}`, and each page puts the value there, escaped. Such a value
is only printed in the fragment, never tested or filtered.
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core import pagecache

register = template.Library()


def _shared(context, name: str, vary: str, nodelist, groups=None):
    content, stored = pagecache.fragment(
        context.get("request"), name, vary, lambda: nodelist.render(context), groups
    )
    # Markup this node rendered, from the cache.
    return mark_safe(content) if stored else content  # noqa: S308


class ContentCacheNode(template.Node):
    def __init__(self, nodelist, name, vary_on, groups, fills=()):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on
        self.groups = groups
        self.fills = fills

    def render(self, context):
        if not pagecache.timeout():
            return self.nodelist.render(context)
        # The interface's language always: a fragment holds translated words.
        vary = ":".join(
            [get_language() or "", *(str(v.resolve(context)) for v in self.vary_on)]
        )
        name = str(self.name.resolve(context))
        if not self.fills:
            return _shared(context, name, vary, self.nodelist, self.groups)
        holes = {fill: pagecache.hole(fill) for fill in self.fills}
        with context.push(holes):
            content = _shared(context, name, vary, self.nodelist, self.groups)
        for fill, hole in holes.items():
            content = content.replace(hole, conditional_escape(context.get(fill) or ""))
        return mark_safe(content)  # noqa: S308 (the values are escaped)


def _names(option: str, value: str) -> tuple[str, ...]:
    names = tuple(
        name.strip() for name in value.strip("\"'").split(",") if name.strip()
    )
    if not names:
        raise template.TemplateSyntaxError(
            f'{{% contentcache %}} needs names after {option}=, e.g. {option}="all".'
        )
    return names


@register.tag
def contentcache(parser, token):
    bits = token.split_contents()
    options = {}
    while len(bits) > 1 and bits[-1].startswith(("depends=", "fill=")):
        option, _, value = bits.pop().partition("=")
        options[option] = _names(option, value)
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            "{% contentcache %} needs a fragment name, e.g. {% contentcache 'home' %}."
        )
    nodelist = parser.parse(("endcontentcache",))
    parser.delete_first_token()
    return ContentCacheNode(
        nodelist,
        parser.compile_filter(bits[1]),
        [parser.compile_filter(bit) for bit in bits[2:]],
        options.get("depends"),
        options.get("fill", ()),
    )
