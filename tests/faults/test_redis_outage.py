"""Redis is an accelerator, not a dependency: with it cut off (through a TCP proxy the
test starts and stops; the machine's Redis is never touched), every page answers, a
reply can be posted, /healthz names the cache as unavailable, and when Redis is back
the site uses it again without a restart."""

import logging
import os
import time
import uuid

import pytest
import redis
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from forums.models import Post
from tests import factories
from tests.faults.proxy import TcpProxy
from tests.registry import call_setup, collect

REDIS = os.environ.get("REDIS_FAULT_URL", "redis://127.0.0.1:6379/15")
RETRY_SECONDS = 0.3


@pytest.fixture
def redis_proxy(settings):
    url = redis.connection.parse_url(REDIS)
    try:
        redis.Redis(host=url["host"], port=url["port"], socket_timeout=1).ping()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs Redis at {REDIS} for the fault tests.")
        pytest.skip(f"no Redis at {REDIS}")
    with TcpProxy(url["host"], url["port"]) as proxy:
        settings.CACHES = {
            "default": {
                "BACKEND": "core.cache.RedisCache",
                "LOCATION": f"redis://127.0.0.1:{proxy.port}/{url.get('db', 15)}",
                "KEY_PREFIX": f"faults-{uuid.uuid4().hex}",
                "OPTIONS": {
                    "socket_connect_timeout": 0.5,
                    "socket_timeout": 0.5,
                    "retry_seconds": RETRY_SECONDS,
                },
            }
        }
        settings.PAGE_CACHE_SECONDS = 60
        yield proxy


def test_the_backend_answers_misses_while_redis_is_away_and_uses_it_again(
    redis_proxy, caplog
):
    cache.set("kept", "before", 60)
    assert cache.get("kept") == "before"
    redis_proxy.stop()
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        assert cache.get("kept") is None
        assert cache.get("kept", "default") == "default"
        cache.set("during", "dropped", 60)
        assert cache.add("new", 1) is False
        assert cache.get_many(["kept", "during"]) == {}
        assert cache.set_and_get_many("during", "dropped", 60, ["kept"]) == {}
        for _ in range(20):
            cache.get("kept")
    outage_lines = [r for r in caplog.records if "unavailable" in r.getMessage()]
    assert len(outage_lines) == 1, "an outage is logged once, not per request"

    redis_proxy.start()
    time.sleep(RETRY_SECONDS + 0.1)
    # Back without a restart; what it held from before may be stale and is gone.
    assert cache.get("kept") is None
    cache.set("after", "works", 60)
    assert cache.get("after") == "works"


def test_health_names_the_cache_and_stays_200_without_it(redis_proxy, client, db):
    assert client.get("/healthz").json() == {"database": "ok", "cache": "ok"}
    redis_proxy.stop()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "unavailable"}
    redis_proxy.start()
    assert client.get("/healthz").json() == {"database": "ok", "cache": "ok"}


PAGE_TYPES = [p for p in collect("PAGE_TYPES") if p.signed_out]


@pytest.mark.django_db
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=[p.name for p in PAGE_TYPES])
def test_every_page_type_answers_as_usual_while_redis_is_away(page_type, redis_proxy):
    url = call_setup(page_type.setup, user=None)
    redis_proxy.stop()
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == page_type.status, url


@pytest.mark.django_db
def test_a_reply_goes_in_and_shows_while_redis_is_away(redis_proxy):
    topic = factories.forum_topic(forum=factories.forum())
    reader = Client(raise_request_exception=False)
    reader.get(topic.get_absolute_url())  # cached while Redis was there
    redis_proxy.stop()
    writer = Client(raise_request_exception=False)
    writer.force_login(factories.user())
    text = "Geschrieben, während der Cache fehlte."
    response = writer.post(
        reverse("forums:topic-reply", kwargs=topic.url_kwargs()), {"body": text}
    )
    assert response.status_code == 302
    assert Post.objects.filter(topic=topic, body=text).exists()
    assert text in reader.get(topic.get_absolute_url()).content.decode()
    # When Redis is back, the page cached before the outage is not served stale.
    redis_proxy.start()
    time.sleep(RETRY_SECONDS + 0.1)
    assert text in reader.get(topic.get_absolute_url()).content.decode()
