"""The static copy of the portal (`manage.py export_static DIR`) and its check.

The copy is what an anonymous reader sees in archive mode, rendered through the real
URLconf with Django's test client, so every page is exactly the live page: the same
paths (`/aktuelles/<slug>/` is written as `/aktuelles/<slug>/index.html`), the
archive banner, and the note instead of forms. Then each page is made static:

- the crawl starts at the home page, the sitemap's pages, the feeds, sitemap and
  robots.txt, and follows every link on the site; what an anonymous reader gets
  with 404 (closed forums, drafts) never enters the copy;
- links with a query (pagination, filter links) point to a path of their own, e.g.
  `/aktuelles/?kategorie=projekt&seite=2` to `/aktuelles/_/kategorie-projekt/seite-2/`;
- files (documents, PDFs, vCards, feeds) keep their path where it ends in a file
  name; where it ends in `/`, the file goes into that folder under its download name
  and the folder's `index.html` leads to it, so the old address still works;
- forms are removed (the search form in the header becomes a link to the index A–Z),
  the account links go, and a link to what only the live server has (sign-in,
  replying, registering) keeps its text without the link;
- the search is replaced by an index A–Z at `/suche/` with one page per letter: it
  works without JavaScript (a rule of the site) and needs no server, unlike a
  search; a script-based search would also need a large index for every reader;
- the static and media files the pages use are copied (media only when a public
  page refers to it: nothing private is copied along).

A second run writes only files whose content changed and removes files of the first
run that are gone (`.export-manifest.json` remembers what was written).
"""

import hashlib
import html
import json
import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qsl, unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import Resolver404, resolve, reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .sitemaps import SITEMAPS

MANIFEST = ".export-manifest.json"
# Parts of the site only the live server has.
LIVE_ONLY_PREFIXES = ("/admin/", "/konto/", "/suche/", "/healthz", "/en/")
LIVE_ONLY_VIEWS = frozenset(
    {
        "forums:topic-create",
        "forums:topic-reply",
        "forums:topic-follow",
        "forums:topic-unfollow",
        "forums:topic-moderate",
        "forums:forum-follow",
        "forums:forum-unfollow",
        "forums:membership-request",
        "forums:membership-decide",
        "forums:moderation",
        "forums:report-resolve",
        "forums:post-edit",
        "forums:post-report",
        "forums:post-history",
        "forums:post-moderate",
        "forums:unsubscribe",
        "events:guest-register",
        "events:register",
        "events:unregister",
        "events:registration-confirm",
        "events:registration-cancel",
        "search:results",
    }
)
ASSET_PREFIXES = (settings.STATIC_URL, settings.MEDIA_URL)
# Query parameters that change nothing a reader sees.
IGNORED_PARAMETERS = {"next", "zitat"}

ATTRIBUTE = re.compile(r'\b(href|src|srcset|poster|content)="([^"]*)"', re.IGNORECASE)
ANCHOR = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.IGNORECASE | re.DOTALL)
FORM = re.compile(r"<form\b([^>]*)>.*?</form>", re.IGNORECASE | re.DOTALL)
LIVE_ONLY_ELEMENT = re.compile(
    r"<(ul|div|p|li|section|span)\b[^>]*\bdata-live-only\b[^>]*>.*?</\1>",
    re.IGNORECASE | re.DOTALL,
)
# The copy keeps the German portal at its addresses; the English interface (/en/) is
# the live server's, so the copy names no other language.
LANGUAGE_ALTERNATE = re.compile(
    r"<link\b[^>]*\bhreflang=\"[^\"]*\"[^>]*>\s*", re.IGNORECASE
)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
TITLE = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"<[^>]+>")


@dataclass
class Fetched:
    url: str
    status: int
    content_type: str = ""
    body: bytes = b""
    filename: str = ""
    location: str = ""

    @property
    def is_html(self) -> bool:
        return self.status == 200 and self.content_type.startswith("text/html")


@dataclass
class Result:
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    files: int = 0
    bytes: int = 0
    seconds: float = 0.0
    pages: int = 0
    failures: list[str] = field(default_factory=list)


SITEMAP_OTHER_LANGUAGE = re.compile(
    r"<url>\s*<loc>[^<]*://[^/<]+/en/.*?</url>\s*|<xhtml:link\b[^>]*/>\s*", re.DOTALL
)


def german_only(sitemap: str) -> str:
    """The sitemap without the English interface's addresses (LANGUAGE_ALTERNATE)."""
    return SITEMAP_OTHER_LANGUAGE.sub("", sitemap)


def site_host() -> tuple[str, str]:
    parts = urlsplit(settings.SITE_URL)
    return parts.scheme or "http", parts.netloc or "localhost"


def normalize(url: str, base: str = "/") -> str | None:
    """The site-relative URL (path and sorted query, no fragment) of a link, or None
    for a link that leaves the site (or is not a page link at all)."""
    url = html.unescape(url.strip())
    if not url or url.startswith(("#", "mailto:", "tel:", "data:", "javascript:")):
        return None
    scheme, host = site_host()
    parts = urlsplit(urljoin(f"{scheme}://{host}{base}", url))
    if parts.scheme not in ("http", "https") or parts.netloc != host:
        return None
    query = sorted(
        (key, value)
        for key, value in parse_qsl(parts.query)
        if value and key not in IGNORED_PARAMETERS
    )
    if query:
        return parts.path + "?" + "&".join(f"{k}={v}" for k, v in query)
    return parts.path


def is_live_only(url: str) -> bool:
    path = url.split("?", 1)[0]
    if path.startswith(LIVE_ONLY_PREFIXES):
        return True
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.view_name in LIVE_ONLY_VIEWS


def is_asset(url: str) -> bool:
    return url.startswith(ASSET_PREFIXES)


def page_path(url: str) -> str:
    """The path where the copy serves a page: its own, queries as folders."""
    path, _sep, query = url.partition("?")
    if not query:
        return path
    folder, _slash, name = path.rpartition("/")
    segments = [slugify(f"{k}-{v}") or "x" for k, v in parse_qsl(query)]
    # A file keeps its name, in the query's folder: /verzeichnis.pdf?thema=x
    # becomes /_/thema-x/verzeichnis.pdf.
    return f"{folder}/_/{'/'.join(segments)}/{name}"


def file_name(response) -> str:
    disposition = response.get("Content-Disposition", "")
    match = re.search(r"filename\*=UTF-8''([^;]+)", disposition, re.IGNORECASE)
    if match:
        name = unquote(match.group(1))
    else:
        match = re.search(r'filename="?([^";]+)"?', disposition)
        name = match.group(1) if match else ""
    name = PurePosixPath(name).name
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.")


EXTENSIONS = {
    "application/rss+xml": "xml",
    "application/atom+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/pdf": "pdf",
    "text/calendar": "ics",
    "text/vcard": "vcf",
    "text/x-vcard": "vcf",
    "application/json": "json",
    "text/plain": "txt",
}


# Lines that change at every rendering without a change of content: the time stamp
# of an iCalendar file. A second run keeps the file when nothing else changed.
VOLATILE = {".ics": re.compile(rb"^DTSTAMP:.*?\r?\n", re.MULTILINE)}


def stable_digest(relative: str, content: bytes) -> str:
    volatile = VOLATILE.get(PurePosixPath(relative).suffix)
    if volatile is not None:
        content = volatile.sub(b"", content)
    return hashlib.sha256(content).hexdigest()


class Exporter:
    def __init__(self, target: Path, *, progress: Callable | None = None):
        self.target = Path(target)
        self.progress = progress or (lambda *args, **kwargs: None)
        scheme, host = site_host()
        self.client = Client(HTTP_HOST=host)
        self.secure = scheme == "https"
        self.fetched: dict[str, Fetched] = {}
        self.assets: set[str] = set()
        self.files: dict[str, bytes] = {}  # relative file path -> content
        self.result = Result()

    # --- crawl ------------------------------------------------------------------

    def seeds(self) -> list[str]:
        urls = ["/", "/robots.txt", "/sitemap.xml"]
        urls += [
            reverse(name)
            for name in [
                "news:article-list",
                "news:feed-rss",
                "news:feed-atom",
                "documents:document-list",
                "forums:space-list",
                "contacts:person-list",
                "events:event-list",
                "events:event-archive",
                "events:calendar",
                "events:feed-rss",
                "events:feed-atom",
            ]
        ]
        for sitemap in SITEMAPS.values():
            site = sitemap()
            urls += [site.location(item) for item in site.items()]
        return [normalize(url) for url in urls if normalize(url)]

    def fetch(self, url: str) -> Fetched:
        response = self.client.get(url, secure=self.secure)
        if getattr(response, "streaming", False):
            body = b"".join(response.streaming_content)
        else:
            body = response.content
        return Fetched(
            url=url,
            status=response.status_code,
            content_type=response.get("Content-Type", ""),
            body=body,
            filename=file_name(response),
            location=response.get("Location", ""),
        )

    def crawl(self) -> None:
        queue = list(dict.fromkeys(self.seeds()))
        queued = set(queue)
        done = 0
        while queue:
            url = queue.pop(0)
            try:
                fetched = self.fetch(url)
            except Exception as error:  # a page that fails is named, not fatal
                self.result.failures.append(f"{url}: {error!r}")
                fetched = Fetched(url=url, status=500)
            self.fetched[url] = fetched
            done += 1
            self.progress("crawl", done, len(queued))
            links: list[str] = []
            if fetched.is_html:
                links = self.links_of(fetched)
            elif fetched.status in (301, 302, 303, 307, 308):
                target = normalize(fetched.location, url)
                links = [target] if target else []
            for link in links:
                if is_asset(link):
                    self.assets.add(link.split("?", 1)[0])
                elif link not in queued and not is_live_only(link):
                    queued.add(link)
                    queue.append(link)

    def links_of(self, fetched: Fetched) -> list[str]:
        text = fetched.body.decode("utf-8", "replace")
        text = FORM.sub("", text)
        found = []
        for name, value in ATTRIBUTE.findall(text):
            name = name.lower()
            if name == "content" and not value.startswith(("/", "http")):
                continue
            values = (
                [part.strip().split(" ")[0] for part in value.split(",")]
                if name == "srcset"
                else [value]
            )
            for item in values:
                url = normalize(item, fetched.url.split("?", 1)[0])
                if url:
                    found.append(url)
        return found

    # --- what each URL becomes ----------------------------------------------------

    def exported_url(self, url: str) -> str | None:
        """Where a link to `url` points in the copy, or None if it is not there."""
        if is_asset(url):
            return url.split("?", 1)[0] if self.asset_source(url) else None
        fetched = self.fetched.get(url)
        if fetched is None:
            return None
        if fetched.is_html:
            return page_path(url)
        if fetched.status in (301, 302, 303, 307, 308):
            target = normalize(fetched.location, url)
            return page_path(url) if target and self.exported_url(target) else None
        if fetched.status == 200:
            return self.file_url(fetched)
        return None

    def file_url(self, fetched: Fetched) -> str:
        path = page_path(fetched.url)
        if not path.endswith("/"):
            return path
        kind = fetched.content_type.split(";")[0].strip()
        name = fetched.filename or f"index.{EXTENSIONS.get(kind, 'bin')}"
        return path + name

    def asset_source(self, url: str) -> Path | None:
        path = unquote(url.split("?", 1)[0])
        if path.startswith(settings.MEDIA_URL):
            relative = path[len(settings.MEDIA_URL) :]
            candidate = Path(settings.MEDIA_ROOT) / relative
        else:
            relative = path[len(settings.STATIC_URL) :]
            candidate = Path(settings.STATIC_ROOT) / relative
            if not candidate.is_file():
                found = finders.find(relative)
                candidate = Path(found) if found else candidate
        if ".." in PurePosixPath(relative).parts or not candidate.is_file():
            return None
        return candidate

    # --- rewriting ----------------------------------------------------------------

    def rewrite(self, text: str, base: str) -> str:
        search = _("Index A–Z")
        text = re.sub(
            r'<form\b[^>]*class="site-search"[^>]*>.*?</form>',
            f'<p class="site-search site-search--static">'
            f'<a href="/suche/">{html.escape(search)}</a></p>',
            text,
            flags=re.IGNORECASE | re.DOTALL,
        )
        text = FORM.sub("", text)
        text = LIVE_ONLY_ELEMENT.sub("", text)
        text = LANGUAGE_ALTERNATE.sub("", text)

        def anchor(match):
            attributes, inner = match.group(1), match.group(2)
            href = re.search(r'\bhref="([^"]*)"', attributes)
            if not href:
                return match.group(0)
            value = href.group(1)
            if value.startswith("#"):
                return match.group(0)
            url = normalize(value, base)
            if url is None:
                return match.group(0)
            target = self.exported_url(url)
            if target is None:
                return inner  # what only the live server has: the text stays
            fragment = value.partition("#")[2]
            new = html.escape(target + (f"#{fragment}" if fragment else ""))
            attributes = attributes.replace(href.group(0), f'href="{new}"', 1)
            attributes = re.sub(r"\s+download\b(?!=)", "", attributes)
            return f"<a{attributes}>{inner}</a>"

        text = ANCHOR.sub(anchor, text)

        def attribute(match):
            name, value = match.group(1), match.group(2)
            if name.lower() == "srcset":
                parts = []
                for part in value.split(","):
                    bits = part.strip().split(" ", 1)
                    bits[0] = self.static_link(bits[0], base)
                    parts.append(" ".join(bits))
                return f'{name}="{", ".join(parts)}"'
            if name.lower() == "content" and not value.startswith("/"):
                return match.group(0)
            return f'{name}="{self.static_link(value, base)}"'

        text = ATTRIBUTE.sub(attribute, text)
        # Link tags to what the copy lacks (e.g. a feed of a live-only page) go.
        text = re.sub(
            r'<link\b[^>]*href="([^"]*)"[^>]*>',
            lambda m: "" if self.dead(m.group(1), base) else m.group(0),
            text,
        )
        return text

    def static_link(self, value: str, base: str) -> str:
        if value.startswith("#") or not value.startswith("/") or value.startswith("//"):
            return value
        url = normalize(value, base)
        if url is None:
            return value
        target = self.exported_url(url)
        if target is None:
            return value
        fragment = value.partition("#")[2]
        return html.escape(target + (f"#{fragment}" if fragment else ""))

    def dead(self, value: str, base: str) -> bool:
        if not value.startswith("/") or value.startswith("//"):
            return False
        url = normalize(value, base)
        return url is not None and self.exported_url(url) is None

    # --- output -------------------------------------------------------------------

    def put(self, path: str, content: bytes) -> None:
        relative = unquote(path).lstrip("/")
        if not relative or relative.endswith("/"):
            relative += "index.html"
        self.files[relative] = content

    def redirect_page(self, target: str, *, feed: bool = False) -> bytes:
        title = html.escape(_("This page has moved"))
        link = html.escape(target)
        alternate = (
            f'<link rel="alternate" type="application/rss+xml" href="{link}">'
            if feed
            else ""
        )
        return (
            f'<!DOCTYPE html>\n<html lang="de">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{title} – Region der Mitte</title>\n"
            f'<meta http-equiv="refresh" content="0; url={link}">\n{alternate}\n'
            f'<link rel="canonical" href="{link}">\n</head>\n<body>\n<main>\n'
            f'<h1>{title}</h1>\n<p><a href="{link}">{link}</a></p>\n</main>\n'
            f"</body>\n</html>\n"
        ).encode()

    def build(self) -> None:
        entries = []
        total = len(self.fetched)
        for number, (url, fetched) in enumerate(self.fetched.items(), 1):
            self.progress("write", number, total)
            base = url.split("?", 1)[0]
            if fetched.is_html:
                text = self.rewrite(fetched.body.decode("utf-8"), base)
                self.put(page_path(url), text.encode())
                self.result.pages += 1
                if "?" not in url:
                    entries.append((url, text))
            elif fetched.status in (301, 302, 303, 307, 308):
                target = self.exported_url(url) and self.exported_url(
                    normalize(fetched.location, url)
                )
                if target:
                    self.put(page_path(url), self.redirect_page(target))
            elif fetched.status == 200:
                location = self.file_url(fetched)
                body = fetched.body
                if url == "/sitemap.xml":
                    body = german_only(body.decode("utf-8")).encode()
                self.put(location, body)
                if location != page_path(url):  # a file in a folder: lead to it
                    feed = location.endswith(".xml")
                    self.put(
                        page_path(url),
                        self.redirect_page(PurePosixPath(location).name, feed=feed),
                    )
        self.build_index(entries)
        self.build_error_page()
        self.collect_assets()

    def render(self, template: str, context: dict, path: str) -> str:
        request = RequestFactory().get(path)
        request.user = AnonymousUser()
        request.resolver_match = None
        text = render_to_string(template, context, request=request)
        return self.rewrite(text, path)

    def build_index(self, entries: list[tuple[str, str]]) -> None:
        """The index A–Z that replaces the search: one page per letter."""
        sections = {
            "aktuelles": _("News"),
            "dokumente": _("Documents"),
            "foren": _("Forums"),
            "ansprechpersonen": _("Contacts"),
            "veranstaltungen": _("Events"),
        }
        letters: dict[str, list[dict]] = {}
        for url, text in entries:
            match = TITLE.search(text)
            if not match:
                continue
            title = html.unescape(TAG.sub("", match.group(1))).strip()
            title = " ".join(title.split())
            if not title:
                continue
            first = unicodedata.normalize("NFKD", title[0]).encode("ascii", "ignore")
            letter = first.decode().upper() if first else "#"
            if not letter.isalpha():
                letter = "0-9" if letter.isdigit() else "#"
            section = sections.get(url.strip("/").split("/")[0], _("Page"))
            letters.setdefault(letter, []).append(
                {"title": title, "url": page_path(url), "section": section}
            )
        alphabet = [chr(code) for code in range(ord("A"), ord("Z") + 1)]
        order = [*alphabet, "0-9", "#"]
        nav = [
            {
                "label": letter,
                "slug": "zahlen"
                if letter == "0-9"
                else "andere"
                if letter == "#"
                else letter.lower(),
                "count": len(letters.get(letter, [])),
            }
            for letter in order
        ]
        overview = self.render(
            "search/archive_index.html",
            {"letters": nav, "entries": [], "current": None},
            "/suche/",
        )
        self.put("/suche/", overview.encode())
        for item in nav:
            if not item["count"]:
                continue
            chosen = sorted(
                letters[item["label"]], key=lambda e: (e["title"].lower(), e["url"])
            )
            page = self.render(
                "search/archive_index.html",
                {"letters": nav, "entries": chosen, "current": item},
                f"/suche/{item['slug']}/",
            )
            self.put(f"/suche/{item['slug']}/", page.encode())

    def build_error_page(self) -> None:
        fetched = self.fetch("/seite-die-es-nicht-gibt-404/")
        if fetched.content_type.startswith("text/html"):
            text = self.rewrite(fetched.body.decode("utf-8"), "/")
            self.put("/404.html", text.encode())

    def collect_assets(self) -> None:
        queue = list(self.assets)
        seen = set(queue)
        while queue:
            url = queue.pop()
            source = self.asset_source(url)
            if source is None:
                continue
            content = source.read_bytes()
            if url.endswith(".css"):
                for ref in CSS_URL.findall(content.decode("utf-8", "replace")):
                    target = normalize(ref, url)
                    if target and is_asset(target) and target not in seen:
                        seen.add(target)
                        queue.append(target)
            self.put(url, content)

    def write(self) -> None:
        manifest_path = self.target / MANIFEST
        try:
            previous = json.loads(manifest_path.read_text())
        except (OSError, ValueError):
            previous = {}
        current = {}
        total = len(self.files)
        for number, (relative, content) in enumerate(sorted(self.files.items()), 1):
            self.progress("save", number, total)
            digest = stable_digest(relative, content)
            current[relative] = digest
            path = self.target / relative
            self.result.bytes += len(content)
            if previous.get(relative) == digest and path.is_file():
                self.result.unchanged += 1
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            self.result.written += 1
        for relative in set(previous) - set(current):
            path = self.target / relative
            if path.is_file():
                path.unlink()
                self.result.removed += 1
        self.result.files = len(current)
        manifest_path.write_text(json.dumps(current, indent=0, sort_keys=True))

    def run(self) -> Result:
        started = time.monotonic()
        self.target.mkdir(parents=True, exist_ok=True)
        self.crawl()
        self.build()
        self.write()
        self.result.seconds = time.monotonic() - started
        return self.result


# --- the check ------------------------------------------------------------------


def resolves(root: Path, url: str) -> bool:
    path = unquote(url.split("#", 1)[0])
    if "?" in path:
        return False
    candidate = root / path.lstrip("/")
    if path.endswith("/") or candidate.is_dir():
        return (candidate / "index.html").is_file() or (
            candidate / "index.xml"
        ).is_file()
    return candidate.is_file()


def check_copy(root: Path) -> list[str]:
    """What is wrong with a copy: links and sources that lead nowhere in it, forms,
    sitemap pages without their file. An empty list is a good copy."""
    root = Path(root)
    problems = []
    scheme, host = site_host()
    if not (root / "index.html").is_file():
        return [_("There is no home page (index.html) in %(dir)s.") % {"dir": root}]
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".html", ".css") or not path.is_file():
            continue
        relative = "/" + path.relative_to(root).as_posix()
        text = path.read_text("utf-8", "replace")
        if path.suffix == ".html":
            if re.search(r"<form\b", text, re.IGNORECASE):
                problems.append(f"{relative}: form")
            if "csrfmiddlewaretoken" in text:
                problems.append(f"{relative}: CSRF token")
            values = []
            for name, value in ATTRIBUTE.findall(text):
                if name.lower() == "srcset":
                    values += [p.strip().split(" ")[0] for p in value.split(",")]
                elif name.lower() != "content" or value.startswith("/"):
                    values.append(value)
        else:
            values = CSS_URL.findall(text)
        base = relative.rsplit("/", 1)[0] + "/"
        for value in values:
            value = html.unescape(value)
            if value.startswith(("#", "mailto:", "tel:", "data:")):
                continue
            parts = urlsplit(urljoin(f"{scheme}://{host}{base}", value))
            if parts.netloc != host:
                continue
            url = parts.path + (f"?{parts.query}" if parts.query else "")
            if not resolves(root, url):
                problems.append(f"{relative}: {value}")
    sitemap = root / "sitemap.xml"
    if not sitemap.is_file():
        problems.append("/sitemap.xml: missing")
    else:
        for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap.read_text("utf-8")):
            if not resolves(root, urlsplit(html.unescape(loc)).path):
                problems.append(f"/sitemap.xml: {loc}")
    if not (root / "robots.txt").is_file():
        problems.append("/robots.txt: missing")
    return problems
