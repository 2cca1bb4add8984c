"""The Redis cache backend keeps one client per server (regiondermitte/cache.py)."""

import os
import uuid

import pytest
import redis

from core.cache import RedisCache

URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def backend():
    try:
        redis.Redis.from_url(URL).ping()
    except redis.ConnectionError:
        pytest.skip(f"no Redis at {URL}")
    return RedisCache(URL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})


def test_one_client_serves_every_call(backend):
    backend.set("page", b"<html>", 30)
    assert backend.get_many(["page", "missing"]) == {"page": b"<html>"}
    first = backend._cache.get_client()
    assert backend._cache.get_client(write=True) is first
    backend.delete("page")
    assert backend.get("page") is None


def test_a_value_is_stored_and_others_read_in_one_round_trip(backend, monkeypatch):
    """The page cache stores a page and reads its groups' counts together."""
    backend.set("count", 7, 30)
    sent = []
    send = redis.connection.AbstractConnection.send_packed_command

    def counted(connection, *args, **kwargs):
        sent.append(args)
        return send(connection, *args, **kwargs)

    monkeypatch.setattr(
        redis.connection.AbstractConnection, "send_packed_command", counted
    )
    found = backend.set_and_get_many("page", b"<html>", 30, ["count", "missing"])
    monkeypatch.undo()

    assert found == {"count": 7}
    assert len(sent) == 1
    assert backend.get("page") == b"<html>"
    assert 0 < backend._cache.get_client().ttl(backend.make_key("page")) <= 30
    backend.set_and_get_many("page", b"<html>", 0, [])
    assert backend.get("page") is None


def test_servers_each_get_their_client():
    backend = RedisCache([URL, URL], {})
    writer = backend._cache.get_client(write=True)
    reader = backend._cache.get_client()
    assert writer is not reader
    assert backend._cache.get_client() is reader
