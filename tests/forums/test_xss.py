"""Stored XSS: a corpus of payloads leaves no executable markup, stored or previewed,
and nothing that loads from another host.

The corpus is PayloadsAllTheThings' lists (MIT) in /work/shared/data/xss/, every
event handler of PortSwigger's cheat sheet on an element, and payloads aimed at
Markdown (links, images, reference links, autolinks). Every payload goes through the
renderer that turns what people write into stored HTML (`core.markdown.render`); a
sample of them goes through the real forms (preview, post, the topic's pages), which
also shows that the forms store exactly what the renderer makes.
"""

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from core import markdown
from forums.models import Post
from tests import factories

pytestmark = pytest.mark.django_db

CORPUS = Path("/work/shared/data/xss")
MARKDOWN_PAYLOADS = [
    "[klick](javascript:alert(1))",
    "[klick](JaVaScRiPt:alert(1))",
    "[klick](  javascript:alert(1)  )",
    "[klick](java\tscript:alert(1))",
    "[klick](&#106;avascript:alert(1))",
    "[klick](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[klick](vbscript:msgbox(1))",
    "[klick][1]\n\n[1]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "![bild](https://evil.example/x.png)",
    "![bild](javascript:alert(1))",
    '![bild](https://evil.example/x.png "title" onerror="alert(1)")',
    '[a](https://example.org "x" onmouseover="alert(1)")',
    '<a href="javascript:alert(1)">a</a>',
    '<a href="https://example.org" onclick="alert(1)">a</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<object data="https://evil.example/x.swf"></object>',
    '<embed src="https://evil.example/x.swf">',
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<form action="https://evil.example"><button>Los</button></form>',
    '<div style="background:url(https://evil.example/x.png)">x</div>',
    "```\n<script>alert(1)</script>\n```",
    "`<img src=x onerror=alert(1)>`",
    "> <img src=x onerror=alert(1)>",
    "- [x](javascript:alert(1))",
    "**<img src=x onerror=alert(1)>**",
]


def corpus() -> list[str]:
    payloads = []
    for path in sorted(CORPUS.glob("*.txt")):
        lines = [line for line in path.read_text().splitlines() if line.strip()]
        if "event_handlers" in path.name:
            payloads += [f"<b {handler}=alert(1)>x</b>" for handler in lines]
            payloads += [f'<img src=x {handler}="alert(1)">' for handler in lines[:10]]
        else:
            payloads += lines
    return payloads


CORPUS_PAYLOADS = corpus()
PAYLOADS = CORPUS_PAYLOADS + MARKDOWN_PAYLOADS
# Through the forms: every 20th payload of the corpus files and every third aimed at
# Markdown, the same ones in every run.
FORM_SAMPLE = CORPUS_PAYLOADS[::20] + MARKDOWN_PAYLOADS[::3]
# Tags that may appear nowhere inside user content.
FORBIDDEN_IN_CONTENT = {
    "script",
    "iframe",
    "frame",
    "svg",
    "math",
    "object",
    "embed",
    "img",
    "image",
    "video",
    "audio",
    "source",
    "style",
    "link",
    "meta",
    "base",
    "form",
    "input",
    "button",
    "textarea",
    "select",
}
CONTENT_CLASSES = {"post__body", "preview__body"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcset", "poster"}


class Inspector(HTMLParser):
    """Collects what could run or load from elsewhere, on the whole page and inside
    the parts that hold what people wrote."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.content_depth = 0
        self.content_blocks = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        if self.content_depth:
            if tag == "div":
                self.content_depth += 1
            if tag in FORBIDDEN_IN_CONTENT:
                self.problems.append(f"<{tag}> inside user content")
            if "style" in attributes:
                self.problems.append(f"style attribute on <{tag}> in user content")
        elif tag == "div" and classes & CONTENT_CLASSES:
            self.content_depth = 1
            self.content_blocks += 1
        self.rel = attributes.get("rel") if tag == "link" else None
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name} on <{tag}>")
            if name in URL_ATTRIBUTES and value:
                # <link rel="alternate"> (the page in another language, feeds)
                # names an address; it loads nothing.
                alternate = (
                    tag == "link"
                    and "alternate" in (attributes.get("rel") or "").split()
                )
                self.check_url(tag, name, value, loads=not alternate)
        # JSON-LD is a data block, never run (core.jsonld escapes what is inside).
        is_data = tag == "script" and attributes.get("type") == "application/ld+json"
        if (
            tag == "script"
            and not is_data
            and not (attributes.get("src") or "").startswith("/static/")
        ):
            self.problems.append("a <script> that is not the portal's own file")
        if tag in {"iframe", "frame", "object", "embed", "base", "meta"} and (
            attributes.get("src") or attributes.get("data") or attributes.get("href")
        ):
            self.problems.append(f"<{tag}> that loads something")

    def handle_endtag(self, tag):
        if self.content_depth and tag == "div":
            self.content_depth -= 1

    def check_url(self, tag, name, value, *, loads: bool = True):
        # As a browser reads it (WHATWG URL): C0 controls and spaces around it go,
        # tabs and line breaks inside it go; other spaces stay (and end a scheme).
        stripped = value.strip("".join(map(chr, range(0x21))))
        compact = "".join(c for c in stripped if c not in "\t\n\r").lower()
        scheme = urlsplit(compact).scheme
        if scheme in {"javascript", "vbscript", "data"} or compact.startswith(
            ("javascript:", "vbscript:", "data:")
        ):
            self.problems.append(f'{scheme or compact[:12]}: URL in <{tag} {name}="…">')
        # A canonical link names the page's address; it loads nothing.
        loads = loads and tag != "a" and name != "action" and self.rel != "canonical"
        if loads and scheme in {"http", "https"} or value.startswith("//"):
            self.problems.append(f"<{tag} {name}> loads from {value!r}")


def inspect(html: str) -> Inspector:
    inspector = Inspector()
    inspector.feed(html)
    inspector.close()
    return inspector


def test_the_corpus_has_at_least_a_hundred_payloads():
    assert len(PAYLOADS) >= 100
    assert len(set(PAYLOADS)) >= 100


def test_the_inspector_finds_what_it_looks_for():
    dangerous = (
        '<div class="prose post__body"><p>x</p><img src="https://evil.example/x">'
        '<a href="javascript:alert(1)" onclick="x()">a</a></div><script>1</script>'
    )
    problems = inspect(dangerous).problems
    assert "<img> inside user content" in problems
    assert "event handler onclick on <a>" in problems
    assert any("javascript" in p for p in problems)
    assert "a <script> that is not the portal's own file" in problems
    assert any("loads from" in p for p in problems)


@pytest.mark.parametrize("source", ["corpus", "markdown"])
def test_every_payload_renders_without_executable_markup(source):
    payloads = CORPUS_PAYLOADS if source == "corpus" else MARKDOWN_PAYLOADS
    rendered = 0
    for payload in payloads:
        html = markdown.render(payload)
        problems = inspect(f'<div class="post__body">{html}</div>').problems
        assert not problems, f"{payload!r} renders as {html!r}: {problems}"
        rendered += bool(html.strip())
    # Most payloads leave some harmless text behind; none may vanish unchecked.
    assert rendered >= len(payloads) // 2


def test_a_sample_posted_through_the_form_leaves_no_executable_markup(client, settings):
    assert len(FORM_SAMPLE) >= 25
    settings.FORUM_POST_RATE = "100000/m"
    topic = factories.forum_topic(notify=False)
    client.force_login(factories.user())
    reply = reverse("forums:topic-reply", kwargs=topic.url_kwargs())
    stored_payloads = []
    for payload in FORM_SAMPLE:
        preview = client.post(reply, {"body": payload, "vorschau": "1"})
        assert preview.status_code == 200
        problems = inspect(preview.content.decode()).problems
        assert not problems, f"preview of {payload!r}: {problems}"
        response = client.post(reply, {"body": payload})
        assert response.status_code in (200, 302), payload
        if response.status_code == 200:
            # Refused (nothing visible would remain): the page must be clean too.
            problems = inspect(response.content.decode()).problems
            assert not problems, f"refused {payload!r}: {problems}"
        else:
            stored_payloads.append(payload)
    posts = list(Post.objects.filter(topic=topic).order_by("pk"))[1:]
    assert len(posts) == len(stored_payloads) >= len(FORM_SAMPLE) // 2
    # The form stores what the renderer makes: the corpus test above covers it all.
    for post, payload in zip(posts, stored_payloads, strict=True):
        assert post.body_html == markdown.render(payload), payload
    stored = len(posts)
    pages = (stored + 1) // 20 + 1
    blocks = 0
    for number in range(1, pages + 1):
        html = client.get(topic.get_absolute_url(), {"seite": number}).content.decode()
        result = inspect(html)
        assert not result.problems, f"page {number}: {result.problems}"
        blocks += result.content_blocks
    assert blocks == stored + 1


def test_stored_payloads_render_harmless_in_the_pdf_and_e_mail_sources():
    # The PDF is made from the stored, sanitised HTML: the same as the page.
    for payload in MARKDOWN_PAYLOADS:
        topic = factories.forum_topic(body=f"Text davor. {payload}", notify=False)
        html = topic.posts.get().body_html
        problems = inspect(f'<div class="post__body">{html}</div>').problems
        assert not problems, f"{payload!r}: {problems}"


def test_safe_links_stay_links_a_phone_number_too():
    html = markdown.render(
        "[Web](https://example.org), [Mail](mailto:info@example.org), "
        "[0561 1003-0](tel:+4956110030)"
    )
    assert 'href="https://example.org"' in html
    assert 'href="mailto:info@example.org"' in html
    assert 'href="tel:+4956110030"' in html
