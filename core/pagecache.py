"""Whole-page cache for anonymous readers, emptied by every change of content.

Most visitors read without signing in, and what they see depends only on the address
and on the content. `PageCacheMiddleware` keeps such responses in the shared cache and
answers the next request for the same address from there, before sessions,
authentication and the view run.

What may be stored, and for whom (so that nobody sees what they may not see):
- only GET requests that carry no cookie but the CSRF cookie: no session (signed-in
  readers, editors previewing drafts, members of closed forums always get a fresh
  page) and no pending message;
- only complete 200 responses that set no cookie, are not marked private or
  no-cache, vary on nothing but the cookie, and come from an anonymous request.
  Drafts and closed forums answer anonymous readers with 404, which is never stored.

When content changes, nothing stale is shown: every save or delete of a model of the
project's apps (and every change of a many-to-many relation) replaces the content
version, and entries of an older version are never served. Rows that belong to one
reader (read markers, subscriptions, e-mail addresses) replace only that reader's
version instead, so reading does not empty the cache. Content that changes by
itself when its time comes (a scheduled article, an event that begins or ends) is
declared by its app with `schedule()`: the first request after that time replaces the
version, so it appears on time. Entries also expire after PAGE_CACHE_SECONDS, which
bounds how old a "vor 5 Minuten" may get.

Signed-in readers get their own cached pages where a view asks for it
(`@reader_cache`): kept per reader and address, served only while both the content
version and the reader's version are unchanged, after all middleware (sessions,
second factor) has run, with fresh CSRF tokens, and never while a message waits.
"""

import hashlib
import logging
import re
import threading
import time
import uuid
from collections import OrderedDict
from functools import wraps
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import cc_delim_re, patch_cache_control

logger = logging.getLogger(__name__)

VERSION_KEY = "pagecache:version"
# (version, timestamp or None): when pages of that version change by themselves.
DUE_KEY = "pagecache:due"
PAGE_KEY = "pagecache:page:{}"
FRAGMENT_KEY = "pagecache:fragment:{}:{}"
READER_VERSION_KEY = "pagecache:reader:{}"
READER_PAGE_KEY = "pagecache:reader-page:{}"
# Models of the project's apps that are not content: a reader's own rows (a reader
# opening a topic marks it read) change only that reader's pages, and download counts
# no page shows. Writing them must not empty the cache.
IGNORED_MODELS = {
    "forums.topicreadstate",
    "forums.topicsubscription",
    "forums.forumsubscription",
    "documents.downloadcount",
    "accounts.notificationsettings",
    "newsletter.subscriber",
    "newsletter.delivery",
}
# Fields of a user that no page shows: saved at every sign-in.
IGNORED_USER_FIELDS = {"last_login", "password"}


def timeout() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0))


def current_version(key: str = VERSION_KEY) -> str:
    """The content version (or, given a reader's key, that reader's version)."""
    version = cache.get(key)
    if version is None:
        cache.add(key, uuid.uuid4().hex, None)
        version = cache.get(key, "")
    return version


_SCHEDULES: list = []


def schedule(next_change) -> None:
    """Declares content that changes by itself: `next_change(now)` returns the next
    time after `now` at which pages showing it change (a scheduled article appears),
    or None. Apps call this in their AppConfig.ready()."""
    _SCHEDULES.append(next_change)


def _due(version: str, found) -> float | None:
    """When the pages of `version` change by themselves (`found`: the stored
    DUE_KEY entry or None). Asks the database once per version; a database that
    cannot answer leaves the pages as they are."""
    if found is not None and found[0] == version:
        return found[1]
    now = timezone.now()
    try:
        times = [when for next_change in _SCHEDULES if (when := next_change(now))]
    except Exception:
        logger.warning("The next scheduled change could not be read.", exc_info=True)
        return None
    due = min(times).timestamp() if times else None
    try:
        cache.set(DUE_KEY, (version, due), None)
    except Exception:
        logger.exception("The page cache cannot be written.")
    return due


def _renewed_if_due(version: str | None, found_due) -> str | None:
    """The version to serve: a new one if scheduled content's time has come."""
    if version is None or not _SCHEDULES:
        return version
    due = _due(version, found_due)
    if due is not None and due <= time.time():
        invalidate()
        return current_version()
    return version


def invalidate() -> None:
    """Makes every stored page stale. A random version, so that a cache that lost the
    key (eviction, restart) can never bring back pages of an earlier version."""
    try:
        # In a savepoint: with the database cache, a failed cache write (say, in
        # `migrate` before `createcachetable`) must not abort the caller's transaction.
        with transaction.atomic():
            cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    except Exception:
        # A cache that cannot be reached serves no pages either; the write goes on.
        logger.exception("Could not invalidate the page cache.")


def invalidate_now_and_on_commit() -> None:
    # Now: this process reads its own write at once. After the commit: a request
    # that read the old rows while the transaction ran may have stored them under
    # the version of now.
    invalidate()
    transaction.on_commit(invalidate)


def reader_changed(*user_ids) -> None:
    """Makes the stored pages of these readers stale (see `invalidate`)."""
    if not timeout() or not user_ids:
        return

    def renew():
        versions = {READER_VERSION_KEY.format(pk): uuid.uuid4().hex for pk in user_ids}
        try:
            with transaction.atomic():
                cache.set_many(versions, None)
        except Exception:
            logger.exception("Could not invalidate readers' cached pages.")

    renew()
    transaction.on_commit(renew)


# --- invalidation -----------------------------------------------------------------


def _project_apps() -> set[str]:
    """The apps of this repository (not Django's, allauth's, …): they hold content."""
    root = Path(settings.BASE_DIR).resolve()
    labels = set()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(root) and ".venv" not in path.parts:
            labels.add(config.label)
    return labels


def _content_changed(sender, **kwargs) -> None:
    # Data migrations (historical models) run before the cache table may exist;
    # their pages expire within PAGE_CACHE_SECONDS after the deploy.
    if not timeout() or sender.__module__ == "__fake__":
        return
    meta = sender._meta
    if meta.app_label not in _CONTENT_APPS or meta.label_lower in IGNORED_MODELS:
        # Not content, but maybe a reader's own row (a read marker, an e-mail address).
        if "instance" in kwargs and "action" not in kwargs:
            reader_changed(*_readers_of(kwargs["instance"]))
        return
    if meta.label_lower == settings.AUTH_USER_MODEL.lower():
        fields = kwargs.get("update_fields")
        if fields and set(fields) <= IGNORED_USER_FIELDS:
            return
    if kwargs.get("action", "post_").startswith("pre_"):
        return  # m2m_changed: once, after the change
    invalidate_now_and_on_commit()


def _readers_of(instance) -> set:
    """The users a row points to: the readers whose own pages may show it."""
    user_model = settings.AUTH_USER_MODEL.lower()
    return {
        getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if field.is_relation
        and field.related_model._meta.label_lower == user_model
        and getattr(instance, field.attname) is not None
    }


_CONTENT_APPS: set[str] = set()


def connect_signals() -> None:
    """Called once from the project's AppConfig.ready()."""
    _CONTENT_APPS.update(_project_apps())
    post_save.connect(_content_changed, dispatch_uid="pagecache-save")
    post_delete.connect(_content_changed, dispatch_uid="pagecache-delete")
    m2m_changed.connect(_content_changed, dispatch_uid="pagecache-m2m")


# --- the middleware ---------------------------------------------------------------


class PageCacheMiddleware:
    """Place it after SecurityMiddleware and WhiteNoise, before SessionMiddleware.

    Security headers that SecurityMiddleware adds are added to cached answers too;
    the headers of the inner middleware (CSP, X-Frame-Options) are stored with the
    page.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.excluded = tuple(getattr(settings, "PAGE_CACHE_EXCLUDED_PATHS", ()))
        self.max_bytes = int(getattr(settings, "PAGE_CACHE_MAX_BYTES", 1024 * 1024))
        self.copies = _LocalCopies(
            int(getattr(settings, "PAGE_CACHE_LOCAL_BYTES", 16 * 1024 * 1024))
        )

    def __call__(self, request):
        key = self.key(request)
        if key is None:
            return self.get_response(request)
        copy = self.copies.get(key)
        try:
            # With a copy in this process, only the (small) versions are fetched.
            keys = [VERSION_KEY, DUE_KEY]
            found = cache.get_many(keys if copy else [*keys, key])
            version = _renewed_if_due(found.get(VERSION_KEY), found.get(DUE_KEY))
            if copy is not None and version is not None and copy[0] == version:
                return _rebuild(copy)
            entry = found[key] if key in found else (cache.get(key) if copy else None)
        except Exception:
            logger.exception("The page cache cannot be read.")
            return self.get_response(request)
        if version is not None and entry is not None and entry[0] == version:
            self.copies.put(key, entry)
            return _rebuild(entry)
        if version is None:
            version = current_version()
        response = self.get_response(request)
        if self.storable(request, response):
            entry = _store(key, version, response)
            if entry is not None:
                self.copies.put(key, entry)
        return response

    def key(self, request) -> str | None:
        """The cache key of a request that may be answered from the cache, else None."""
        if request.method != "GET" or not timeout():
            return None
        if request.path.startswith(self.excluded):
            return None
        # The CSRF cookie changes nothing a reader sees (a page that renders a token
        # sets the cookie again, so it is never stored); any other cookie may.
        if any(name != settings.CSRF_COOKIE_NAME for name in request.COOKIES):
            return None
        try:
            host = request.get_host()
        except DisallowedHost:
            return None  # the view's answer (400) is not ours to give
        address = f"{request.scheme}://{host}{request.get_full_path()}"
        return PAGE_KEY.format(hashlib.sha256(address.encode()).hexdigest())

    def storable(self, request, response) -> bool:
        if not _storable(response, self.max_bytes):
            return False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        control = {
            part.split("=")[0].strip().lower()
            for part in cc_delim_re.split(response.get("Cache-Control", ""))
        }
        if control & {"private", "no-cache", "no-store"}:
            return False
        vary = {
            part.strip().lower()
            for part in cc_delim_re.split(response.get("Vary", ""))
            if part.strip()
        }
        return not vary - {"cookie"}


def _storable(response, max_bytes: int) -> bool:
    """A complete page that sets no cookie and was not exempted by its view."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(response, "page_cache_exempt", False):
        return False
    # A CSP nonce is good for one response only; a stored page would reuse it.
    if "'nonce-" in response.get("Content-Security-Policy", ""):
        return False
    return len(response.content) <= max_bytes


class _LocalCopies:
    """The most used pages of this process, so that a hit reads only the version from
    the shared cache instead of the whole page. A copy is used only while its version
    is the current one and never past the lifetime of the shared entry; the total size
    is bounded (least recently used pages go first)."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.size = 0
        self.entries: OrderedDict[str, tuple] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> tuple | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if entry[4] + timeout() <= time.time():
                self._drop(key)
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: tuple) -> None:
        size = len(entry[3])
        if size > self.max_bytes // 4:
            return
        with self.lock:
            if key in self.entries:
                self._drop(key)
            self.entries[key] = entry
            self.size += size
            while self.size > self.max_bytes:
                self._drop(next(iter(self.entries)))

    def _drop(self, key: str) -> None:
        self.size -= len(self.entries.pop(key)[3])


# --- pages of signed-in readers ------------------------------------------------------

CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')


def reader_cache(view):
    """Keeps the page a signed-in reader got from `view` until content or anything of
    theirs changes. Only for pages whose output depends on nothing but the address,
    the content and the reader's own rows; the view does not run for a stored page,
    so it must have no effect that a repeated request would need (marking a topic
    read changes the reader's version, so the page is rendered again)."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        key = _reader_page_key(request)
        if key is None:
            return view(request, *args, **kwargs)
        version_key = READER_VERSION_KEY.format(request.user.pk)
        try:
            found = cache.get_many([VERSION_KEY, DUE_KEY, version_key, key])
        except Exception:
            logger.exception("The page cache cannot be read.")
            return _private(view(request, *args, **kwargs))
        versions = (
            _renewed_if_due(found.get(VERSION_KEY), found.get(DUE_KEY)),
            found.get(version_key),
        )
        entry = found.get(key)
        if entry is not None and None not in versions and entry[0] == versions:
            return _private(_with_fresh_csrf_tokens(request, _rebuild(entry)))
        versions = (
            versions[0] or current_version(),
            versions[1] or current_version(version_key),
        )
        response = view(request, *args, **kwargs)
        max_bytes = int(getattr(settings, "PAGE_CACHE_MAX_BYTES", 1024 * 1024))
        if _storable(response, max_bytes):
            _store(key, versions, response)
        return _private(response)

    return cached_view


def _reader_page_key(request) -> str | None:
    if request.method != "GET" or not timeout() or not request.user.is_authenticated:
        return None
    # A waiting message is shown (and used up) by the page that renders it.
    if CookieStorage.cookie_name in request.COOKIES:
        return None
    if SessionStorage.session_key in request.session:
        return None
    address = f"{request.user.pk}:{request.get_host()}{request.get_full_path()}"
    return READER_PAGE_KEY.format(hashlib.sha256(address.encode()).hexdigest())


def _with_fresh_csrf_tokens(request, response: HttpResponse) -> HttpResponse:
    # A masked token per response, as when the page is rendered (BREACH).
    token = get_token(request).encode()
    response.content = CSRF_INPUT.sub(
        lambda found: found[1] + token + found[2], response.content
    )
    return response


def _private(response):
    patch_cache_control(response, private=True)
    return response


def _store(key: str, version, response) -> tuple | None:
    """Keeps the response under the version it was rendered for; the entry, if kept."""
    entry = (
        version,
        response.status_code,
        list(response.items()),
        response.content,
        time.time(),
    )
    try:
        cache.set(key, entry, timeout())
    except Exception:
        logger.exception("The page cache cannot be written.")
        return None
    return entry


def _rebuild(entry) -> HttpResponse:
    _version, status, headers, content, _created = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response
