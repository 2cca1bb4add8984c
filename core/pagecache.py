"""One cache design for pages, fragments and PDFs: stored under named groups, renewed
by exactly the writes that make them stale.

**Groups.** A group names a set of pages that change together: "news" (the news list,
articles, feeds), "forums:topic:12" (a topic's pages), "home", "search", "sitemap".
Each app declares, in its `cache.py` next to its models, which groups a change of each
model renews (`renews()`): a forum reply renews its topic, its forum's list, the forum
index, the home page and search, and nothing of news, documents or contacts. A view
declares which groups its page depends on (`depends()`, or `pages()` for every page
of a URL namespace); a page that declares nothing depends on every change (`ANY`),
and a change of a model nobody declared renews everything (`ALL`), so forgetting a
declaration costs speed, never correctness.

**Versions without races.** One counter (`CLOCK_KEY`, Redis INCR) counts changes; a
change takes the next count and writes it into each group it renews, once at once and
once after its transaction commits. A page is stored with the count read *before* it
was rendered, and is served only while none of its groups has a later count. A page
rendered from rows read before a change committed therefore never outlives it, even
with several app servers sharing one Redis: there is no copy in any process. While
nothing at all changed since a page was stored (the count is the same), one round trip
serves it; otherwise a second one reads its groups' counts. A fragment or value, whose
groups are known before it is read, is read with their counts in one round trip, and
kept with them; a page is stored and its groups' counts read in one round trip. A
group whose count the cache lost is taken to have changed now.

**One renders, the others read.** The first request for a stored page that a change
made stale renders it anew; requests for it meanwhile get the stale page (for
RENDER_SECONDS at most, should that render never end) instead of all rendering it at
once: a forum with one reply a second would otherwise send every reader of its topic
into the same render at the same moment.

**What is stored.** `PageCacheMiddleware` keeps whole pages for anonymous readers
(GET, no cookie but the CSRF cookie, complete 200 answers that set no cookie, are not
private and vary on nothing but the cookie), forms included: a form's CSRF token is
rendered as `TOKEN_HOLE` on every page, and every answer gets the reader's own token
put in its place, with the CSRF cookie it belongs to (PAGE_CACHE_SHARED_FORMS: login
and sign-up are stored, though they tell browsers not to keep them).
`{% contentcache %}` keeps fragments that are the same for everyone who shares their
`vary` values, under the groups of their page (a fragment with a real token is never
kept); `remember()` keeps anything else (PDFs) under the groups it names. Signed-in
readers' pages are stored whole only where the view declares with `same_for()`
everything of the reader its page shows (rights, follow state, unread marker, own
posts): the view still runs (it reads those facts and marks the page read), but the
page is rendered once for every reader with the same values, on any address of the
same path; each answer gets the reader's own query in its language links
(core.i18n.QUERY_HOLE) and CSRF token. Elsewhere, their parts that are not theirs
are fragments.

**Releases.** Keys carry `RELEASE`, a hash of the code, templates, translations and
static manifest the server runs: during a rolling deploy, and after it, no server
gets what another release rendered. Group counts are shared by all releases.

**Time.** Content that changes by itself (a scheduled article, an event that ends) is
declared with `schedule()` and the groups it renews: the first request after that time
renews them. Entries also expire after PAGE_CACHE_SECONDS, which bounds how old a
"vor 5 Minuten" may get.

**Conditional GET.** A stored page keeps the ETag of its content, so
ConditionalGetMiddleware (outside this one) answers a reader who has it with 304.

**Failures.** A cache that does not answer is a miss: the page is rendered, never an
error; a change that could not be written is logged and the write goes on (the Redis
client of core/cache.py empties Redis when it answers again).
"""

import hashlib
import logging
import os
import time
from contextlib import nullcontext
from dataclasses import dataclass
from functools import lru_cache, wraps
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils import timezone
from django.utils.cache import cc_delim_re, set_response_etag
from django.utils.crypto import salted_hmac
from django.utils.functional import Promise
from django.utils.translation import get_language

from .i18n import fill_query, split_language
from .pagination import PAGE_PARAMETER

logger = logging.getLogger(__name__)

CLOCK_KEY = "pagecache:clock"
# (timestamp or None, groups): when pages change by themselves next; dropped by every
# change of a model with a schedule.
DUE_KEY = "pagecache:due"
GROUP_KEY = "pagecache:group:{}"

# Folders of the project that hold no code the server runs (dot folders neither).
_NOT_CODE = {"node_modules", "var", "tests"}


def _release_id() -> str:
    """What this server renders with: a hash of the project's code, templates and
    translations, and of the static files' manifest (their hashed names). Pages,
    fragments and values are stored per release: while two releases share Redis (a
    rolling deploy), and after the old one is gone, nobody gets the other's output."""
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d[0] not in "._" and d not in _NOT_CODE)
        for name in sorted(files):
            if name.endswith((".py", ".html", ".mo", ".txt", ".xml")):
                path = Path(folder, name)
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT or root / "-") / "staticfiles.json"
    if manifest.is_file():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:12]


RELEASE = _release_id()
PAGE_KEY = f"pagecache:{RELEASE}:page:{{}}"
FRAGMENT_KEY = f"pagecache:{RELEASE}:fragment:{{}}:{{}}"
VALUE_KEY = f"pagecache:{RELEASE}:value:{{}}"
# Held by the request that renders a stale page anew (the page's key in it).
RENDERING_KEY = "{}:rendering"
RENDER_SECONDS = 5
# How long a group's count is kept: a lost one counts as a change, so this only
# bounds the memory of groups nobody changes.
GROUP_SECONDS = 30 * 24 * 60 * 60

# Every page depends on it: renewed by changes nobody declared, and by `renew_all()`.
ALL = "all"
# Pages that declare nothing depend on it: renewed by every change.
ANY = "any"
# Groups that more than one app renews: the pages of each section (an article shows
# its related documents, an event its recap article, a forum its events), and the
# pages that show every section.
NEWS = "news"
DOCUMENTS = "documents"
CONTACTS = "contacts"
EVENTS = "events"
FORUMS = "forums"  # every forum page: names of forums, spaces, authors
PAGES = "pages"
HOME = "home"
SEARCH = "search"
SITEMAP = "sitemap"

# Fields of a user that no page shows: saved at every sign-in.
IGNORED_USER_FIELDS = {"last_login", "password"}


def timeout() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0))


# --- declarations ---------------------------------------------------------------------


@dataclass(frozen=True)
class Declaration:
    groups: tuple[str, ...]
    per: object = None  # (instance, changed fields or None) -> group names
    on_create: bool = True

    def groups_of(self, instances, fields) -> set[str]:
        groups = set(self.groups)
        if self.per is not None:
            for instance in instances:
                groups.update(self.per(instance, fields))
        return groups


_DECLARED: dict[str, Declaration] = {}
_NAMESPACES: dict[str, tuple[str, ...]] = {}
_SCHEDULES: list[tuple] = []
_SCHEDULED: set[str] = set()


def renews(model, *groups: str, per=None, on_create: bool = True) -> None:
    """Declares what a change (save, delete, many-to-many change) of `model` makes
    stale: the `groups`, and those `per(instance, fields)` names for the changed row
    (`fields`: the fields a save or update named, else None). With
    `on_create=False`, a new row changes nothing (a new account appears nowhere). No
    groups: the model shows on no stored page (a read marker)."""
    _DECLARED[model._meta.label_lower] = Declaration(tuple(groups), per, on_create)


def pages(namespace: str, *groups: str) -> None:
    """Declares the groups every page of a URL namespace depends on, unless its view
    declares its own (`depends`)."""
    _NAMESPACES[namespace] = tuple(groups)


def schedule(model, next_change, *groups: str) -> None:
    """Declares content that changes by itself: `next_change(now)` returns the next
    time after `now` at which pages showing rows of `model` change (a scheduled
    article appears), or None; then `groups` are renewed. The answer is kept until a
    row of `model` changes."""
    _SCHEDULED.add(model._meta.label_lower)
    _SCHEDULES.append((next_change, groups or (ALL,)))


def depends(request, *groups: str) -> None:
    """Declares that the page answering `request` shows what `groups` name."""
    if request is None:
        return
    declared = getattr(request, "page_groups", None)
    if declared is None:
        declared = request.page_groups = set()
    declared.update(groups)


def depends_on(*groups):
    """View decorator: `@depends_on("news")`, or with a function of the URL's
    arguments, `@depends_on(lambda pk, **kwargs: [topic_group(pk)])`."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            for group in groups:
                if callable(group):
                    depends(request, *group(*args, **kwargs))
                else:
                    depends(request, group)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def groups_of(request) -> set[str]:
    """What the page answering `request` depends on: its view's declaration, its URL
    namespace's, or every change."""
    declared = getattr(request, "page_groups", None)
    if declared:
        return set(declared)
    match = getattr(request, "resolver_match", None)
    if match is not None and match.namespace in _NAMESPACES:
        return set(_NAMESPACES[match.namespace])
    return {ANY}


# --- changes ----------------------------------------------------------------------


def _start() -> int:
    # A cache that lost the counter starts above every count it may still hold.
    return time.time_ns() // 1000


def _tick() -> int:
    try:
        return cache.incr(CLOCK_KEY)
    except ValueError:
        cache.add(CLOCK_KEY, _start(), None)
        return cache.incr(CLOCK_KEY)


def _guarded():
    """A savepoint around cache writes where the cache is the database: a failed
    write (say, in `migrate` before `createcachetable`) must not abort the caller's
    transaction. With Redis, no savepoint (two queries saved per change)."""
    if isinstance(caches[DEFAULT_CACHE_ALIAS], DatabaseCache):
        return transaction.atomic()
    return nullcontext()


def _write(groups: set[str]) -> None:
    try:
        with _guarded():
            count = _tick()
            cache.set_many({GROUP_KEY.format(g): count for g in groups}, GROUP_SECONDS)
    except Exception:
        # A cache that cannot be reached serves nothing stale either; the write goes on.
        logger.exception("Could not renew the page cache.")


def renew(*groups: str) -> None:
    """Makes what depends on `groups` stale: now (this process reads its own write at
    once) and after the commit (a request that read the old rows while the transaction
    ran may have stored them meanwhile)."""
    if not timeout():
        return
    renewed = {*groups, ANY}
    _write(renewed)
    transaction.on_commit(lambda: _write(renewed))


def renew_all() -> None:
    renew(ALL)


def groups_renewed_by(
    model, instances=(), *, created: bool = False, fields=None
) -> set[str]:
    meta = model._meta
    declaration = _DECLARED.get(meta.label_lower)
    if declaration is None:
        return {ALL} if meta.app_label in _CONTENT_APPS else set()
    if created and not declaration.on_create:
        return set()
    try:
        return declaration.groups_of(instances, frozenset(fields) if fields else None)
    except Exception:
        # A row whose groups cannot be named (a relation gone): renew everything.
        logger.warning("Groups of a %s not found.", meta.label, exc_info=True)
        return {ALL}


def changed(*instances) -> None:
    """Renews what a change of these rows renews (for writes that send no signal)."""
    groups = set()
    for instance in instances:
        groups |= groups_renewed_by(type(instance), [instance])
    if groups:
        renew(*groups)


def update(queryset, **values) -> int:
    """`queryset.update(**values)` that renews what the change of its rows renews
    (Django's `.update()` sends no signal). Every bulk update of content goes here."""
    model = queryset.model
    declaration = _DECLARED.get(model._meta.label_lower)
    instances = list(queryset) if declaration and declaration.per else []
    groups = groups_renewed_by(model, instances, fields=values)
    count = queryset.update(**values)
    if groups and count:
        renew(*groups)
    return count


def _forget_due() -> None:
    try:
        with _guarded():
            cache.delete(DUE_KEY)
    except Exception:
        logger.exception("Could not renew the page cache.")


def _content_changed(sender, **kwargs) -> None:
    # Data migrations (historical models) run before the cache table may exist;
    # their pages expire within PAGE_CACHE_SECONDS after the deploy.
    if not timeout() or sender.__module__ == "__fake__":
        return
    if kwargs.get("action", "post_").startswith("pre_"):
        return  # m2m_changed: once, after the change
    instance = kwargs["instance"]
    model = type(instance) if "action" in kwargs else sender
    if model._meta.label_lower in _SCHEDULED:
        # Its next scheduled change may be another now.
        _forget_due()
        transaction.on_commit(_forget_due)
    if model._meta.label_lower == settings.AUTH_USER_MODEL.lower():
        fields = kwargs.get("update_fields")
        if fields and set(fields) <= IGNORED_USER_FIELDS:
            return
    groups = groups_renewed_by(
        model,
        [instance],
        created=kwargs.get("created", False),
        fields=kwargs.get("update_fields"),
    )
    if groups:
        renew(*groups)


def _project_apps() -> set[str]:
    """The apps of this repository (not Django's, allauth's, …): they hold content."""
    from pathlib import Path

    root = Path(settings.BASE_DIR).resolve()
    labels = set()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(root) and ".venv" not in path.parts:
            labels.add(config.label)
    return labels


_CONTENT_APPS: set[str] = set()


def connect_signals() -> None:
    """Called once from core's AppConfig.ready()."""
    _CONTENT_APPS.update(_project_apps())
    post_save.connect(_content_changed, dispatch_uid="pagecache-save")
    post_delete.connect(_content_changed, dispatch_uid="pagecache-delete")
    m2m_changed.connect(_content_changed, dispatch_uid="pagecache-m2m")


# --- reading ----------------------------------------------------------------------


def _due(found) -> tuple:
    """(timestamp or None, groups): when pages change by themselves next. Asks the
    database once until a row of a scheduled model changes (or PAGE_CACHE_SECONDS
    pass); one that cannot answer changes nothing."""
    if found is not None:
        return found
    now = timezone.now()
    try:
        times = [
            (when, groups)
            for next_change, groups in _SCHEDULES
            if (when := next_change(now))
        ]
    except Exception:
        logger.warning("The next scheduled change could not be read.", exc_info=True)
        return None, ()
    due, groups = None, set()
    if times:
        first = min(when for when, _groups in times)
        due = first.timestamp()
        # Those due within a second of the first come together.
        for when, renewed in times:
            if when.timestamp() <= due + 1:
                groups.update(renewed)
    try:
        cache.set(DUE_KEY, (due, tuple(groups)), timeout())
    except Exception:
        logger.exception("The page cache cannot be written.")
    return due, tuple(groups)


def _clock(found: dict) -> int | None:
    """The current count from a `get_many` that asked for CLOCK_KEY and DUE_KEY, with
    scheduled changes whose time has come applied first. None: no cache."""
    clock = found.get(CLOCK_KEY)
    if clock is None:
        try:
            cache.add(CLOCK_KEY, _start(), None)
            clock = cache.get(CLOCK_KEY)
        except Exception:
            logger.exception("The page cache cannot be read.")
            return None
        if clock is None:
            return None
    if _SCHEDULES:
        due, groups = _due(found.get(DUE_KEY))
        if due is not None and due <= time.time():
            _write({*groups, ANY})
            _forget_due()
            try:
                clock = cache.get(CLOCK_KEY)
            except Exception:
                return None
    return clock


def clock_of(request) -> int | None:
    """The count when this request began (read once, before anything is rendered)."""
    if request is not None and hasattr(request, "page_clock"):
        return request.page_clock
    try:
        clock = _clock(cache.get_many([CLOCK_KEY, DUE_KEY]))
    except Exception:
        logger.exception("The page cache cannot be read.")
        clock = None
    if request is not None:
        request.page_clock = clock
    return clock


def _group_keys(groups) -> list[str]:
    return [GROUP_KEY.format(group) for group in {*groups, ALL}]


def _fresh(stored_clock: int, groups, clock: int, counts=None) -> bool:
    """Whether what was stored at `stored_clock` for `groups` is still current;
    `counts`: the groups' counts, when they were read with the entry."""
    if stored_clock == clock:
        return True  # nothing at all changed since
    keys = _group_keys(groups)
    if counts is None:
        try:
            counts = cache.get_many(keys)
        except Exception:
            logger.exception("The page cache cannot be read.")
            return False
    return all(
        counts.get(key) is not None and counts[key] <= stored_clock for key in keys
    )


def _keep(
    key: str, clock: int, groups: set[str], value, seconds: int, counts=None
) -> None:
    """Stores `value`, rendered from what was current at `clock`, under `groups`;
    `counts`: the groups' counts, when they were read before it was rendered (else
    they are read as it is stored, in one round trip with Redis)."""
    keys = _group_keys(groups)
    entry = (clock, tuple(sorted(groups)), value)
    try:
        if counts is None:
            counts = _set_reading(key, entry, seconds, keys)
        else:
            cache.set(key, entry, seconds)
        missing = [k for k in keys if k not in counts]
        if missing:
            # Lost or never changed: counts as changed now, which is always safe.
            # Until then the entry is not served (a group without a count is not
            # current), unless nothing at all changed since `clock`.
            now = cache.get(CLOCK_KEY)
            if now is not None:
                for each in missing:
                    cache.add(each, now, GROUP_SECONDS)
    except Exception:
        logger.exception("The page cache cannot be written.")


def _set_reading(key: str, value, seconds: int, keys: list[str]) -> dict:
    """`cache.set(key, …)`, then `cache.get_many(keys)`: one round trip where the
    backend can (core.cache.RedisCache)."""
    both = getattr(cache, "set_and_get_many", None)
    if both is not None:
        return both(key, value, seconds, keys)
    cache.set(key, value, seconds)
    return cache.get_many(keys)


def remember(name: str, groups, make, *, request=None, seconds: int | None = None):
    """`make()`, kept under `groups` until one of them changes (or `seconds`, by
    default PAGE_CACHE_SECONDS, pass): for PDFs and other costly values. Kept per
    interface language, as fragments are: a PDF holds translated words and dates.
    Given the `request`, the count from its start is used: rows it read before this
    call are then never kept past a change."""
    seconds = seconds or timeout()
    if not timeout():
        return make()
    named = f"{get_language() or ''}:{name}"
    key = VALUE_KEY.format(hashlib.sha256(named.encode()).hexdigest())
    clock = clock_of(request) if request is not None else None
    # The value and its groups' counts in one round trip.
    groups = set(groups)
    keys = [key, *_group_keys(groups)]
    try:
        found = cache.get_many(keys if clock else [*keys, CLOCK_KEY, DUE_KEY])
    except Exception:
        logger.exception("The page cache cannot be read.")
        return make()
    if clock is None:
        clock = _clock(found)
    entry = found.get(key)
    if (
        clock is not None
        and entry is not None
        and _fresh(entry[0], entry[1], clock, found)
    ):
        return entry[2]
    value = make()
    if clock is not None:
        _keep(key, clock, groups, value, seconds, found)
    return value


# What a form rendered for the cache carries instead of the reader's CSRF token:
# unguessable (derived from SECRET_KEY, the same in every process), so that no text a
# user wrote can pass for it and receive the reader's token.
TOKEN_HOLE = "pagecache-" + salted_hmac("core.pagecache", "token hole").hexdigest()[:32]
# A form field that holds a CSRF token, and the same holding the hole: a fragment is
# kept only with the hole, and only the hole in such a field is filled.
TOKEN_FIELD = 'name="csrfmiddlewaretoken" value="'  # noqa: S105 (markup, not a secret)
HOLE_FIELD = f'{TOKEN_FIELD}{TOKEN_HOLE}"'


@lru_cache
def hole(name: str) -> str:
    """What a fragment keeps where each page puts its own value of `name` (`{%
    contentcache … fill=… %}`): unguessable too, so that no text can pass for it."""
    return "pagecache-" + salted_hmac("core.pagecache", f"hole {name}").hexdigest()[:32]


def fragment(request, name: str, vary: str, render, groups=None):
    """A fragment of the page answering `request`, under the page's groups (or the
    `groups` given: the parts of every page, such as its header, depend on no
    page's content). A fragment with a reader's own CSRF token is not kept."""
    key = FRAGMENT_KEY.format(name, hashlib.sha256(vary.encode()).hexdigest()[:32])
    clock = clock_of(request)
    if clock is None:
        return render(), False
    groups = set(groups or groups_of(request))
    # The fragment and its groups' counts in one round trip: after any change
    # anywhere (the clock moved) the counts are needed to know it current.
    try:
        found = cache.get_many([key, *_group_keys(groups)])
    except Exception:
        logger.exception("The page cache cannot be read.")
        found = {}
    entry = found.get(key)
    if (
        entry is not None
        and set(entry[1]) == groups
        and _fresh(*entry[:2], clock, found)
    ):
        return entry[2], True
    content = str(render())
    if content.count(TOKEN_FIELD) == content.count(HOLE_FIELD):
        _keep(key, clock, groups, content, timeout(), found)
    return content, False


# --- the content of a page, shared by readers alike ----------------------------


def same_for(request, *values) -> None:
    """Declares that the page answering `request` is the same for every reader for
    whom its view computed these `values`: with its path, the language, the page
    number, whether the reader is signed in and whether they are staff (whose forms
    archive mode leaves open), they must hold everything the page shows of the
    reader and of the address's query (a quoted post, a filter). The messages of a
    reader who has some, the query in the language links and the CSRF token are
    each reader's own; nothing else is."""
    shown = [str(value) if isinstance(value, Promise) else value for value in values]
    user = request.user
    request.page_same_for = repr([user.is_authenticated, user.is_staff, *shown])


def _has_messages(request) -> bool:
    messages = getattr(request, "_messages", None)
    return messages is not None and len(messages) > 0


def _shared_page(request, response):
    """The page of a view that declared `same_for`: stored, or rendered now (with
    holes for what is each reader's own) and stored."""
    same_for = request.__dict__.pop("page_same_for", None)
    if same_for is None or response.status_code != 200 or not timeout():
        return response
    if request.method not in ("GET", "HEAD"):
        return response  # a form sent back with what was typed is this reader's
    if _has_messages(request):
        return response  # shown once, to this reader: rendered for them alone
    page = request.GET.get(PAGE_PARAMETER, "")
    address = f"{request.scheme}://{request.get_host()}{request.path}"
    vary = f"{get_language()}:{address}:{page}:{same_for}"

    def render():
        request.page_query_hole = True
        try:
            return response.rendered_content
        finally:
            request.page_query_hole = False

    content, _stored = fragment(request, "page", vary, render)
    # Marks the response rendered: the handler renders it no more.
    response.content = fill_query(content, request)
    return response


# --- one renders, the others read ----------------------------------------------


def _claim(key: str) -> bool:
    """Whether this request renders the stale page under `key` anew: the first one
    after a change does; the others meanwhile get the stale page, for RENDER_SECONDS
    at most should the first one never finish."""
    try:
        return bool(cache.add(RENDERING_KEY.format(key), 1, RENDER_SECONDS))
    except Exception:
        logger.exception("The page cache cannot be written.")
        return True


def _release(key: str) -> None:
    try:
        cache.delete(RENDERING_KEY.format(key))
    except Exception:
        logger.exception("The page cache cannot be written.")


# --- forms on stored pages ----------------------------------------------------------

_CSRF = CsrfViewMiddleware(lambda request: None)


def token_hole(request) -> dict:
    """Context processor: `{% csrf_token %}` of a page rendered for the cache."""
    if getattr(request, "page_token_hole", False):
        return {"csrf_token": TOKEN_HOLE}
    return {}


def _put_token_in(request, response) -> None:
    """The reader's own CSRF token where the page has the hole, and the cookie that
    goes with it, as CsrfViewMiddleware sets it for a rendered token."""
    hole = HOLE_FIELD.encode()
    html = response.get("Content-Type", "").startswith("text/html")
    if not html or response.streaming or hole not in response.content:
        return
    if "CSRF_COOKIE" not in request.META:
        _CSRF.process_request(request)  # the reader's cookie, or a new secret
    token = f'{TOKEN_FIELD}{get_token(request)}"'.encode()
    response.content = response.content.replace(hole, token)
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))
    _CSRF.process_response(request, response)


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
        self.shared_forms = set(getattr(settings, "PAGE_CACHE_SHARED_FORMS", ()))
        self.max_bytes = int(getattr(settings, "PAGE_CACHE_MAX_BYTES", 1024 * 1024))

    def __call__(self, request):
        key = self.key(request)
        if key is None:
            if request.method == "GET" and timeout():
                # The count before anything is read, for the fragments and PDFs of
                # a page not stored whole.
                clock_of(request)
            # Forms hold the hole too, so that fragments with forms can be shared
            # (the site header's sign-out form); each answer gets its own token.
            request.page_token_hole = bool(timeout())
            response = self.get_response(request)
            _put_token_in(request, response)
            return response
        try:
            found = cache.get_many([key, CLOCK_KEY, DUE_KEY])
        except Exception:
            logger.exception("The page cache cannot be read.")
            return self.get_response(request)
        clock = request.page_clock = _clock(found)
        entry = found.get(key)
        if clock is None or entry is None:
            response = self.render(request, key, clock)
        elif _fresh(*entry[:2], clock) or not _claim(key):
            # Current; or stale while another request renders it anew: its last
            # version meanwhile, rather than every reader rendering it at once.
            response = _rebuild(entry[2])
        else:
            try:
                response = self.render(request, key, clock)
            finally:
                _release(key)
        _put_token_in(request, response)
        return response

    def process_template_response(self, request, response):
        return _shared_page(request, response)

    def render(self, request, key: str, clock: int | None):
        request.page_token_hole = True
        response = self.get_response(request)
        if clock is not None and self.storable(request, response):
            if HOLE_FIELD.encode() not in response.content:
                # Hashed once, here: a stored page's ETag answers conditional
                # requests. A page with a form has none: each answer differs.
                set_response_etag(response)
            stored = (response.status_code, list(response.items()), response.content)
            _keep(key, clock, groups_of(request), stored, timeout())
        return response

    def key(self, request) -> str | None:
        """The cache key of a request that may be answered from the cache, else None."""
        if request.method != "GET" or not timeout():
            return None
        plain = _plain(request)
        if plain.startswith(self.excluded) and plain not in self.shared_forms:
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
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if getattr(response, "page_cache_exempt", False):
            return False
        # A CSP nonce is good for one response only; a stored page would reuse it.
        if "'nonce-" in response.get("Content-Security-Policy", ""):
            return False
        if len(response.content) > self.max_bytes:
            return False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        control = {
            part.split("=")[0].strip().lower()
            for part in cc_delim_re.split(response.get("Cache-Control", ""))
        }
        if control & {"private", "no-cache", "no-store"} and not (
            _plain(request) in self.shared_forms
            and HOLE_FIELD.encode() in response.content
        ):
            return False
        vary = {
            part.strip().lower()
            for part in cc_delim_re.split(response.get("Vary", ""))
            if part.strip()
        }
        return not vary - {"cookie"}


def _plain(request) -> str:
    """The path without its language prefix."""
    return split_language(request.path)[1]


def _rebuild(stored) -> HttpResponse:
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response
