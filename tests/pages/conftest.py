import pytest
from django.core.cache import cache

from pages.models import SITE_KEY


@pytest.fixture(autouse=True)
def _forget_cached_site_state(request):
    # The cache may outlive a test's database (Redis in CI): never start with, or leave
    # behind, an operator cached from rows that were rolled back. Tests without a
    # database (the cache may live in it) have nothing to forget.
    uses_db = request.node.get_closest_marker("django_db") or {
        "db",
        "transactional_db",
        "live_server",
    } & set(request.fixturenames)
    if not uses_db:
        yield
        return
    cache.delete(SITE_KEY)
    yield
    cache.delete(SITE_KEY)
