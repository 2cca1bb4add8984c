"""`{% contentcache "name" vary… %}…{% endcontentcache %}`: a fragment of a page that
is the same for everyone who shares the `vary` values, kept until one of the groups
its page depends on changes (`core.pagecache.depends`).

Signed-in readers get whole stored pages only where the view declares what of the
reader they show (`core.pagecache.same_for`); elsewhere the parts that are not theirs
come from here. Only put markup in a fragment that depends on nothing but content and
the `vary` values: never the user unless the user is a `vary` value. A CSRF token is kept only as the page cache's hole
(a fragment with a reader's own token is rendered, not kept). A fragment on every page
names the groups it depends on itself: `{% contentcache "site-footer" depends="all" %}`
(else it would be kept once per kind of page).
"""

from django import template
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
    def __init__(self, nodelist, name, vary_on, groups):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on
        self.groups = groups

    def render(self, context):
        if not pagecache.timeout():
            return self.nodelist.render(context)
        # The interface's language always: a fragment holds translated words.
        vary = ":".join(
            [get_language() or "", *(str(v.resolve(context)) for v in self.vary_on)]
        )
        name = str(self.name.resolve(context))
        return _shared(context, name, vary, self.nodelist, self.groups)


@register.tag
def contentcache(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            "{% contentcache %} needs a fragment name, e.g. {% contentcache 'home' %}."
        )
    groups = None
    if bits[-1].startswith("depends="):
        names = bits.pop()[len("depends=") :].strip("\"'").split(",")
        groups = tuple(name.strip() for name in names if name.strip())
        if not groups or len(bits) < 2:
            raise template.TemplateSyntaxError(
                "{% contentcache %} needs a fragment name before depends=, and "
                'depends= group names, e.g. depends="all".'
            )
    nodelist = parser.parse(("endcontentcache",))
    parser.delete_first_token()
    return ContentCacheNode(
        nodelist,
        parser.compile_filter(bits[1]),
        [parser.compile_filter(bit) for bit in bits[2:]],
        groups,
    )
