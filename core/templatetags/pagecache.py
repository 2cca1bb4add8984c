"""`{% contentcache "name" vary… %}…{% endcontentcache %}`: a fragment of a page that
is the same for everyone who shares the `vary` values, kept until content changes.

Signed-in readers never get whole cached pages (their header, forms and unread
markers are theirs); the parts that are not theirs come from here. The key holds the
content version of `core.pagecache`, so every change of content retires
every fragment, exactly as it retires the anonymous pages. Only put markup in a
fragment that depends on nothing but content and the `vary` values: never a CSRF
token, never the user unless the user is a `vary` value.
"""

import hashlib

from django import template
from django.core.cache import cache
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
        seconds = pagecache.timeout()
        if not seconds:
            return self.nodelist.render(context)
        # The interface's language always: a fragment holds translated words.
        vary = ":".join(
            [get_language() or "", *(str(v.resolve(context)) for v in self.vary_on)]
        )
        key = pagecache.FRAGMENT_KEY.format(
            self.name.resolve(context),
            hashlib.sha256(vary.encode()).hexdigest()[:32],
        )
        try:
            found = cache.get_many([pagecache.VERSION_KEY, key])
        except Exception:
            pagecache.logger.exception("The page cache cannot be read.")
            return self.nodelist.render(context)
        version = found.get(pagecache.VERSION_KEY) or pagecache.current_version()
        entry = found.get(key)
        if entry is not None and entry[0] == version:
            return mark_safe(entry[1])  # noqa: S308 (markup this node rendered)
        content = self.nodelist.render(context)
        try:
            cache.set(key, (version, str(content)), seconds)
        except Exception:
            pagecache.logger.exception("The page cache cannot be written.")
        return content


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
