import pytest
from django.core.cache import cache
from django.test import Client


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rendered PDFs live in the cache, which outlives a test's transaction.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def signed_in():
    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make
