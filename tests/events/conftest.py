import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate-limit counters live in the cache, which outlives a test's transaction.
    cache.clear()
