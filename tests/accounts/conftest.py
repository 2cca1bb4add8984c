import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # allauth counts attempts in the cache (one mail per address per 3 minutes, five
    # wrong passwords…); every test starts without the counts of the ones before.
    cache.clear()
    yield
    cache.clear()
