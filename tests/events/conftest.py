import pytest
from django.core.cache import cache
from django.db import transaction


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate-limit counters live in the cache, which outlives a test's transaction.
    cache.clear()


@pytest.fixture(autouse=True)
def _on_commit_at_once(request, monkeypatch):
    """The services queue mail for after the commit; a test's transaction never
    commits, so here the callbacks run when queued. The transactional tests
    (test_concurrency.py) see real commits and leave this alone."""
    if request.node.get_closest_marker("real_commits"):
        return
    monkeypatch.setattr(
        transaction, "on_commit", lambda func, using=None, robust=False: func()
    )
