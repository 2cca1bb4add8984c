"""Which pages the benchmark loads, with their goals, and how many SQL queries each
one runs.

Runs inside Django against the benchmark database (`manage.py bench --step plan`):
picks real URLs from the seeded data, signs the seeded reader in once for the
signed-in rows, and counts queries per request through Django's test client,
separately from the timed run: once with a cold page cache, once warm. It also
tells the run where the writer of the "while posting" rows signs in and replies.
"""

from dataclasses import asdict, dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from contacts.models import Person
from documents.models import Document
from forums.models import POSTS_PER_PAGE, Topic
from news.models import Article

from .load import distinct_prefix
from .seed import (
    BENCH_PASSWORD,
    LONG_TOPIC_TITLE,
    RARE_WORD,
    READER_EMAIL,
    WRITER_EMAILS,
)

BASELINE = "baseline (bare view)"
COMMON_WORD = "Region"
TWO_WORDS = "Windenergie Höxter"
# The goals of issue 12, in % of the baseline's req/s (the benchmark never fails
# on them; the table shows whether each row meets its goal).
GOAL_ANONYMOUS = 50.0
GOAL_SIGNED_IN = 20.0
GOAL_SEARCH_UNCACHED = 10.0
WHILE_POSTING = ", while posting"


@dataclass
class Page:
    name: str
    path: str
    goal: float | None = GOAL_ANONYMOUS  # None: the baseline itself
    signed_in: bool = False
    distinct: bool = False  # a new address for every request: no stored page
    while_posting: bool = False  # a writer replies to the long topic meanwhile
    status: int = 0
    queries_cold: int = 0
    queries_warm: int = 0


def _long_topic() -> Topic:
    return Topic.objects.select_related("forum").get(
        forum__slug="nachbarschaftsforum", title=LONG_TOPIC_TITLE
    )


def pages() -> list[Page]:
    article = (
        Article.objects.for_list()
        .filter(related_documents__isnull=False)
        .order_by("-published_at")
        .first()
    )
    document = (
        Document.objects.published()
        .filter(replaces__isnull=False, featured=False)
        .order_by("-published_on")
        .first()
    )
    long_topic = _long_topic()
    open_forum = long_topic.forum
    person = Person.objects.published().order_by("pk").first()
    topic_url = long_topic.get_absolute_url()
    last_page = (long_topic.post_count - 1) // POSTS_PER_PAGE + 1
    search = reverse("search:results")
    long_topic_name = "topic of 100 posts, first page"
    anonymous = [
        ("home", reverse("home")),
        ("news list", reverse("news:article-list")),
        ("news list, page 100", reverse("news:article-list") + "?seite=100"),
        ("article", article.get_absolute_url()),
        ("document list", reverse("documents:document-list")),
        ("document", document.get_absolute_url()),
        ("forum index", reverse("forums:space-list")),
        ("topic list", open_forum.get_absolute_url()),
        (long_topic_name, topic_url),
        ("topic of 100 posts, last page", f"{topic_url}?seite={last_page}"),
        ("directory", reverse("contacts:person-list")),
        ("person", person.get_absolute_url()),
        (f"search “{COMMON_WORD}”", f"{search}?q={COMMON_WORD}"),
        ("RSS feed", reverse("news:feed-rss")),
        ("Atom feed", reverse("news:feed-atom")),
        ("login form", reverse("account_login")),
        ("sign-up form", reverse("account_signup")),
    ]
    paths = dict(anonymous)
    found = [Page(BASELINE, reverse("bench-baseline"), goal=None)]
    found += [Page(name, path) for name, path in anonymous]
    # A search nobody asked before: rendered anew for every request.
    found += [
        Page(
            f"search, {kind} “{words}”, uncached",
            f"{search}?{urlencode({'q': words})}",
            goal=GOAL_SEARCH_UNCACHED,
            distinct=True,
        )
        for kind, words in (
            ("rare word", RARE_WORD),
            ("common word", COMMON_WORD),
            ("two words", TWO_WORDS),
        )
    ]
    # What a signed-in reader gets on opening a page for the first time.
    found += [
        Page(
            f"{name} (signed in, first view)",
            path,
            goal=GOAL_SIGNED_IN,
            signed_in=True,
            distinct=True,
        )
        for name, path in (
            ("home", paths["home"]),
            ("topic list", paths["topic list"]),
            ("topic of 100 posts", topic_url),
        )
    ]
    # Last: the writer's replies make the long topic longer.
    found += [
        Page(name + WHILE_POSTING, paths[name], while_posting=True)
        for name in ("home", "topic list", long_topic_name, "news list")
    ]
    return found


def writer() -> dict:
    """Where the writer of the "while posting" rows signs in and replies, and as whom."""
    topic = _long_topic()
    return {
        "login": reverse("account_login"),
        "reply": reverse(
            "forums:topic-reply",
            kwargs={"forum": topic.forum.slug, "pk": topic.pk, "slug": topic.slug},
        ),
        "accounts": WRITER_EMAILS,
        "password": BENCH_PASSWORD,
    }


def _forget_cached_pages() -> None:
    try:
        from core import pagecache
    except ImportError:
        return
    pagecache.renew_all()


def _address(page: Page) -> str:
    """The page's path; for a distinct page, a new one at every call."""
    if not page.distinct:
        return page.path
    return page.path + distinct_prefix(page.path) + "1"


def _count(client: Client, path: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response.status_code, len(queries)


def measure() -> dict:
    """The pages with their query counts, the reader's session cookie and the
    writer's addresses."""
    anonymous = Client(HTTP_HOST="127.0.0.1")
    reader = Client(HTTP_HOST="127.0.0.1")
    reader.force_login(User.objects.get(email=READER_EMAIL))
    found = pages()
    _forget_cached_pages()
    for page in found:
        client = reader if page.signed_in else anonymous
        page.status, page.queries_cold = _count(client, _address(page))
        # A signed-in reader's first visit may move their read marker, which renews
        # their pages: warm is what the third request costs.
        client.get(_address(page))
        _status, page.queries_warm = _count(client, _address(page))
    return {
        "pages": [asdict(page) for page in found],
        "cookie": {
            "name": settings.SESSION_COOKIE_NAME,
            "value": reader.cookies[settings.SESSION_COOKIE_NAME].value,
        },
        "writer": writer(),
    }
