import pytest
from django.core.cache import cache
from django.db import connection

# Stemming, ranking, phrases and the triggers that keep the index current exist only
# on PostgreSQL; on SQLite the page uses the simpler match (tests/search/test_fallback.py).
requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL full-text search; SQLite has only the simpler match",
)


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    # The footer's operator lives in the (database) cache; tests without the
    # database have nothing cached.
    uses_database = request.node.get_closest_marker("django_db") is not None
    if uses_database:
        cache.clear()
    yield
    if uses_database:
        cache.clear()


@pytest.fixture
def search(client):
    """GET /suche/ with the given parameters; returns the page's HTML."""

    def run(q: str = "", *, as_client=None, status: int = 200, **params) -> str:
        response = (as_client or client).get("/suche/", {"q": q, **params})
        assert response.status_code == status
        return response.content.decode()

    return run


def main_of(html: str) -> str:
    """The page's <main>, without header and footer (which have their own links)."""
    return html[html.index("<main") : html.index("</main>")]
