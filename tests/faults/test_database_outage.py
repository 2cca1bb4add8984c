"""The database cut off (through a TCP proxy the test starts and stops; the machine's
PostgreSQL is never touched): pages answer a German 503 with Retry-After, what a
person was sending is offered again, cached pages keep answering, and the site
recovers without a restart, with what was written before the outage still there."""

import pytest
from django.db import close_old_connections, connection
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.faults.proxy import TcpProxy

pytestmark = pytest.mark.django_db(transaction=True)


def next_request() -> None:
    # What Django does at the start and end of every request (request_started and
    # request_finished), and its test client leaves out: a connection that failed is
    # closed, so the next request connects anew.
    close_old_connections()


@pytest.fixture
def database_proxy(settings):
    if connection.vendor != "postgresql":
        pytest.skip("the outage is cut through a TCP proxy to PostgreSQL")
    settings.PAGE_CACHE_SECONDS = 60
    saved = connection.settings_dict.copy()
    with TcpProxy(saved["HOST"] or "127.0.0.1", int(saved["PORT"] or 5432)) as proxy:
        connection.close()
        connection.settings_dict.update(HOST="127.0.0.1", PORT=proxy.port)
        try:
            yield proxy
        finally:
            connection.close()
            connection.settings_dict.clear()
            connection.settings_dict.update(saved)


def test_pages_answer_503_in_german_and_recover_without_a_restart(database_proxy):
    article = factories.article("Vor dem Ausfall geschrieben")
    reader = Client(raise_request_exception=False)
    cached = reader.get("/aktuelles/")
    assert cached.status_code == 200

    database_proxy.stop()
    response = reader.get(article.get_absolute_url())
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert '<html lang="de"' in html
    assert "vorübergehend nicht erreichbar" in html
    assert "Traceback" not in html and "OperationalError" not in html
    # A page still in the cache keeps answering.
    assert reader.get("/aktuelles/").status_code == 200

    database_proxy.start()
    next_request()
    response = reader.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "Vor dem Ausfall geschrieben" in response.content.decode()


def test_a_reply_sent_during_the_outage_is_offered_again(database_proxy):
    topic = factories.forum_topic(forum=factories.forum())
    author = factories.user()
    writer = Client(raise_request_exception=False)
    writer.force_login(author)
    url = reverse("forums:topic-reply", kwargs=topic.url_kwargs())
    text = "Mein langer Beitrag <b>mit Zeichen</b>,\nder nicht verloren gehen darf."

    database_proxy.stop()
    response = writer.post(url, {"body": text})
    assert response.status_code == 503
    html = response.content.decode()
    assert "Mein langer Beitrag &lt;b&gt;mit Zeichen&lt;/b&gt;" in html
    assert f'action="{url}"' in html

    database_proxy.start()
    next_request()
    response = writer.post(url, {"body": text})
    assert response.status_code == 302
    assert topic.posts.filter(body=text).exists()
