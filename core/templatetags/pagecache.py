"""`{% contentcache "name" vary… %}…{% endcontentcache %}`: a fragment of a page that
is the same for everyone who shares the `vary` values, kept until one of the groups
its page depends on changes (`core.pagecache.depends`).

Signed-in readers never get whole cached pages (their header, forms and unread
markers are theirs); the parts that are not theirs come from here. Only put markup in
a fragment that depends on nothing but content and the `vary` values: never a CSRF
token, never the user unless the user is a `vary` value.
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core import pagecache

register = template.Library()


class ContentCacheNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        if not pagecache.timeout():
            return self.nodelist.render(context)
        # The interface's language always: a fragment holds translated words.
        vary = ":".join(
            [get_language() or "", *(str(v.resolve(context)) for v in self.vary_on)]
        )
        content, stored = pagecache.fragment(
            context.get("request"),
            str(self.name.resolve(context)),
            vary,
            lambda: self.nodelist.render(context),
        )
        # Markup this node rendered, from the cache.
        return mark_safe(content) if stored else content  # noqa: S308


@register.tag
def contentcache(parser, token):
    bits = token.split_contents()
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
    )
