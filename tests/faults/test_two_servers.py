"""Two app servers, one truth: two gunicorn instances with the production settings
share PostgreSQL and Redis; what is written through one shows at once through the
other, for anonymous and signed-in readers, and a session made on one works on the
other (README, "Growing past one machine")."""

import os
import re
import socket
import subprocess
import sys
import uuid

import pytest
import redis
from django.db import connection
from django.urls import reverse

from tests import factories
from tests.faults.servers import ROOT, Browser, Server

pytestmark = pytest.mark.django_db(transaction=True)
REDIS = os.environ.get("REDIS_FAULT_URL", "redis://127.0.0.1:6379/15")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """Collected static files, as a release has them (hashed names)."""
    var = tmp_path_factory.mktemp("var")
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env={**os.environ, **_env(var), "DATABASE_URL": "sqlite:///:memory:"},
        check=True,
    )
    return var


def _env(var, database_url: str = "") -> dict:
    return {
        "DJANGO_SETTINGS_MODULE": "regiondermitte.settings.prod",
        "DJANGO_SECRET_KEY": "two-servers-test-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_VAR_DIR": str(var),
        "DJANGO_SERVE_MEDIA": "1",
        "DJANGO_SITE_URL": "https://127.0.0.1",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        **({"DATABASE_URL": database_url} if database_url else {}),
    }


@pytest.fixture
def two_servers(static_root, tmp_path):
    try:
        redis.Redis.from_url(REDIS, socket_timeout=1).ping()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"CI needs Redis at {REDIS}.")
        pytest.skip(f"no Redis at {REDIS}")
    if connection.vendor != "postgresql":
        pytest.skip("production runs on PostgreSQL")
    config = connection.settings_dict
    database_url = (
        f"postgres://{config['USER'] or ''}@{config['HOST'] or '127.0.0.1'}:"
        f"{config['PORT'] or 5432}/{config['NAME']}"
    )
    env = {
        **_env(static_root, database_url),
        "REDIS_URL": REDIS,
        "DJANGO_CACHE_PREFIX": f"two-{uuid.uuid4().hex}",
    }
    with (
        Server(_free_port(), env, tmp_path / "a.log") as first,
        Server(_free_port(), env, tmp_path / "b.log") as second,
    ):
        yield first.port, second.port, env


def test_a_write_through_one_server_shows_at_once_through_the_other(
    two_servers, settings
):
    a, b, env = two_servers
    # A hash the production settings can check (the tests' own is a fast MD5).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    forum = factories.forum()
    topic = factories.forum_topic(forum=forum)
    author = factories.user("zwei@example.org")

    anonymous_b = Browser(b)
    before = anonymous_b.get(topic.get_absolute_url())
    assert before.status == 200
    assert anonymous_b.get("/aktuelles/").status == 200  # now cached on b and in Redis

    # Sign in on a; the session works on b.
    person = Browser(a)
    login = person.get(reverse("account_login"))
    response = person.post(
        reverse("account_login"),
        {
            "csrfmiddlewaretoken": login.form_token(),
            "login": author.email,
            "password": factories.PASSWORD,
        },
    )
    assert response.status == 302, re.findall(r"errorlist.*", response.text)
    signed_in_b = person.on(b).get(topic.get_absolute_url())
    assert "Abmelden" in signed_in_b.text or "Mein Konto" in signed_in_b.text

    # A reply through a ...
    page = person.get(topic.get_absolute_url())
    text = f"Antwort über Server A {uuid.uuid4().hex[:8]}"
    reply = person.post(
        reverse("forums:topic-reply", kwargs=topic.url_kwargs()),
        {"csrfmiddlewaretoken": page.form_token(), "body": text},
    )
    assert reply.status == 302, reply.text[:500]
    # ... shows at once through b, anonymous and signed in.
    assert text in anonymous_b.get(topic.get_absolute_url()).text
    assert text in person.on(b).get(topic.get_absolute_url()).text

    # An article published by the admin's service, in a process of the same
    # deployment (what the admin on server a runs), shows on both at once.
    category = factories.news_category()
    publish = (
        "from news.models import Article;"
        "from news.services import article_save;"
        "article_save(article=Article(title='Veröffentlicht zwischen zwei Servern',"
        f" teaser='Kurz.', body='Text.', status='published', category_id={category.pk}))"
    )
    done = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-v",
            "0",
            "-c",
            publish,
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    for port in (a, b):
        listing = Browser(port).get("/aktuelles/")
        assert "Veröffentlicht zwischen zwei Servern" in listing.text, port
