"""Nothing typed is lost: a form that fails on an expired CSRF token or a server error
comes back with the typed text (escaped) and a fresh token, ready to send again."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from forums.models import Post
from tests import factories

pytestmark = pytest.mark.django_db

TEXT = "Ein längerer Text mit <script>alert(1)</script>\nüber zwei Zeilen."


def _reply_url(topic) -> str:
    return reverse("forums:topic-reply", kwargs=topic.url_kwargs())


def _fields(html: str) -> dict:
    form = html[html.index('<section class="kept"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
    body = re.search(r'<textarea[^>]*name="body"[^>]*>(.*?)</textarea>', form, re.S)[1]
    return {"csrfmiddlewaretoken": token, "body": body}


def test_an_expired_token_shows_the_text_again_and_the_fresh_token_works():
    topic = factories.forum_topic(forum=factories.forum())
    client = Client(enforce_csrf_checks=True)
    client.force_login(factories.user())
    client.get(topic.get_absolute_url())  # the CSRF cookie
    url = _reply_url(topic)
    origin = "http://testserver"
    response = client.post(
        url, {"body": TEXT, "csrfmiddlewaretoken": "x" * 64}, HTTP_ORIGIN=origin
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Das Formular ist abgelaufen" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    fields = _fields(html)
    # The browser sends back what the text area holds (the unescaped text).
    fields["body"] = TEXT
    response = client.post(url, fields, HTTP_ORIGIN=origin)
    assert response.status_code == 302
    assert Post.objects.filter(topic=topic, body=TEXT).exists()


def test_a_forged_post_from_another_site_is_not_offered_for_sending_again():
    topic = factories.forum_topic(forum=factories.forum())
    client = Client(enforce_csrf_checks=True)
    client.force_login(factories.user())
    response = client.post(
        _reply_url(topic), {"body": TEXT}, HTTP_ORIGIN="https://evil.example"
    )
    assert response.status_code == 403
    assert 'class="kept"' not in response.content.decode()


def test_passwords_are_never_echoed_back():
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("account_login"),
        {"login": "a@example.org", "password": "geheim" * 20},
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 403
    assert "geheim" not in response.content.decode()


def test_a_server_error_during_a_post_shows_the_text_again(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    topic = factories.forum_topic(forum=factories.forum())
    client = Client(raise_request_exception=False)
    client.force_login(factories.user())
    monkeypatch.setattr(Post, "save", broken)
    response = client.post(_reply_url(topic), {"body": TEXT})
    assert response.status_code == 500
    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'name="csrfmiddlewaretoken"' in html
