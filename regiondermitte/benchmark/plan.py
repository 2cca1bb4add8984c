"""Which pages the benchmark loads, and how many SQL queries each one runs.

Runs inside Django against the benchmark database (`manage.py bench --step plan`):
picks real URLs from the seeded data, signs the seeded reader in once for the
signed-in variants, and counts queries per request through Django's test client,
separately from the timed run: once with a cold page cache, once warm.
"""

from dataclasses import asdict, dataclass

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from contacts.models import Person
from documents.models import Document
from forums.models import POSTS_PER_PAGE, Forum, Topic
from news.models import Article

from .load import distinct_prefix
from .seed import LONG_TOPIC_POSTS, READER_EMAIL

BASELINE = "baseline (bare view)"
SEARCH_WORD = "Region"


@dataclass
class Page:
    name: str
    path: str
    signed_in: bool = False
    distinct: bool = False  # a new address for every request: nothing cached
    status: int = 0
    queries_cold: int = 0
    queries_warm: int = 0


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
    open_forum = Forum.objects.get(slug="nachbarschaftsforum")
    long_topic = (
        Topic.objects.filter(forum=open_forum, post_count=LONG_TOPIC_POSTS)
        .order_by("created_at")
        .last()
    )
    person = Person.objects.published().order_by("pk").first()
    topic_url = long_topic.get_absolute_url()
    last_page = (long_topic.post_count - 1) // POSTS_PER_PAGE + 1
    found = [
        Page(BASELINE, reverse("bench-baseline")),
        Page("home", reverse("home")),
        Page("news list", reverse("news:article-list")),
        Page("news list, page 100", reverse("news:article-list") + "?seite=100"),
        Page("article", article.get_absolute_url()),
        Page("document list", reverse("documents:document-list")),
        Page("document", document.get_absolute_url()),
        Page("forum index", reverse("forums:space-list")),
        Page("topic list", open_forum.get_absolute_url()),
        Page("topic of 100 posts, first page", topic_url),
        Page("topic of 100 posts, last page", f"{topic_url}?seite={last_page}"),
        Page("directory", reverse("contacts:person-list")),
        Page("person", person.get_absolute_url()),
    ]
    search = f"{reverse('search:results')}?q={SEARCH_WORD}"
    found += [
        Page(f"search “{SEARCH_WORD}”", search),
        Page(f"search “{SEARCH_WORD}”, uncached", search, distinct=True),
        Page("RSS feed", reverse("news:feed-rss")),
        Page("Atom feed", reverse("news:feed-atom")),
        Page("home (signed in)", reverse("home"), signed_in=True),
        Page("topic list (signed in)", open_forum.get_absolute_url(), signed_in=True),
        Page("topic of 100 posts (signed in)", topic_url, signed_in=True),
        # What a reader gets on opening a page for the first time: rendered for them.
        Page(
            "topic of 100 posts (signed in, first view)",
            topic_url,
            signed_in=True,
            distinct=True,
        ),
    ]
    return found


def _forget_cached_pages() -> None:
    try:
        from core import pagecache
    except ImportError:
        return
    pagecache.invalidate()


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
    """The pages with their query counts, and the reader's session cookie."""
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
    }
