"""Closed forums and hidden topics stay invisible to outsiders everywhere: pages,
the index, the home page, the sitemap, the PDF and the QuerySets that search uses."""

import pytest
from django.urls import reverse
from pypdf import PdfReader

from forums import services
from forums.models import Forum, Post, Topic
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def forums():
    open_forum = factories.forum()
    closed = factories.forum(closed=True)
    public = factories.forum_topic(open_forum, title="Öffentliches Thema", replies=1)
    secret = factories.forum_topic(closed, title="Geheimes Thema", replies=1)
    hidden = factories.forum_topic(open_forum, title="Ausgeblendetes Thema")
    moderator = factories.forum_moderator(open_forum)
    services.topic_set_hidden(
        topic=hidden, moderator=moderator, hidden=True, reason="Doppelt."
    )
    return {
        "open": open_forum,
        "closed": closed,
        "public": public,
        "secret": secret,
        "hidden": hidden,
        "moderator": moderator,
    }


def test_every_page_of_a_closed_forum_is_404_for_outsiders(client, forums):
    secret = forums["secret"]
    post = secret.posts.first()
    urls = [
        secret.forum.get_absolute_url(),
        secret.get_absolute_url(),
        reverse("forums:topic-pdf", kwargs=secret.url_kwargs()),
        reverse("forums:topic-create", kwargs={"forum": secret.forum.slug}),
        reverse(
            "forums:post-detail", kwargs={"forum": secret.forum.slug, "pk": post.pk}
        ),
        # Even through another forum's address.
        reverse(
            "forums:topic-detail",
            kwargs={**secret.url_kwargs(), "forum": forums["open"].slug},
        ),
    ]
    for user in (None, factories.user(), factories.editor(), factories.moderator()):
        if user:
            client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)


def test_the_index_lists_a_closed_forum_to_join_but_none_of_its_topics(client, forums):
    html = client.get(reverse("forums:space-list")).content.decode()
    assert forums["closed"].name in html
    assert (
        reverse("forums:membership-request", kwargs={"forum": forums["closed"].slug})
        in html
    )
    assert "Geheimes Thema" not in html
    assert forums["closed"].get_absolute_url() + '"' not in html
    assert "Öffentliches Thema" in html
    member = factories.user()
    factories.forum_membership(forum=forums["closed"], user=member)
    client.force_login(member)
    assert "Geheimes Thema" in client.get(reverse("forums:space-list")).content.decode()


def test_the_home_page_shows_only_public_topics(client, forums):
    html = client.get("/").content.decode()
    assert "Aus den Foren" in html
    assert "Öffentliches Thema" in html
    assert "Geheimes Thema" not in html
    assert "Ausgeblendetes Thema" not in html


def test_the_sitemap_lists_only_what_anonymous_readers_see(client, forums):
    xml = client.get("/sitemap.xml").content.decode()
    assert forums["public"].get_absolute_url() in xml
    assert forums["open"].get_absolute_url() in xml
    assert forums["secret"].get_absolute_url() not in xml
    assert forums["closed"].get_absolute_url() not in xml
    assert forums["hidden"].get_absolute_url() not in xml


def test_querysets_for_search_follow_the_same_rules(forums):
    anonymous = type("Anonymous", (), {"is_authenticated": False})()
    outsider, member, admin = factories.user(), factories.user(), factories.admin()
    factories.forum_membership(forum=forums["closed"], user=member)
    secret_posts = set(forums["secret"].posts.all())
    hidden_posts = set(forums["hidden"].posts.all())

    for user in (anonymous, outsider):
        posts = set(Post.objects.visible_to(user))
        assert not posts & secret_posts and not posts & hidden_posts
        assert set(Topic.objects.visible_to(user)) == {forums["public"]}
        assert forums["closed"] not in Forum.objects.readable_by(user)
    member_posts = set(Post.objects.visible_to(member))
    assert secret_posts <= member_posts and not member_posts & hidden_posts
    moderator_posts = set(Post.objects.visible_to(forums["moderator"]))
    assert hidden_posts <= moderator_posts and not moderator_posts & secret_posts
    assert secret_posts | hidden_posts <= set(Post.objects.visible_to(admin))
    assert set(Post.objects.public()) == set(forums["public"].posts.all())


def test_hidden_posts_are_not_in_search_results_for_readers(forums):
    post = forums["public"].last_post
    services.post_set_hidden(
        post=post, moderator=forums["moderator"], hidden=True, reason="Spam."
    )
    assert post not in Post.objects.visible_to(factories.user())
    assert post in Post.objects.visible_to(forums["moderator"])


def test_the_topic_pdf_is_a_tagged_german_pdf_without_hidden_text(client, forums):
    topic = forums["public"]
    factories.forum_post(topic, body="Ein **sichtbarer** Beitrag über Buslinien.")
    hidden = factories.forum_post(topic, body="Geheimer Inhalt, ausgeblendet.")
    services.post_set_hidden(
        post=hidden, moderator=forums["moderator"], hidden=True, reason="Spam."
    )
    response = client.get(reverse("forums:topic-pdf", kwargs=topic.url_kwargs()))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    import io

    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Öffentliches Thema" in text
    assert "sichtbarer Beitrag über Buslinien" in text
    assert "Geheimer Inhalt" not in text
    assert "ausgeblendet" in text
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "de"
    assert "/StructTreeRoot" in root
    assert reader.metadata.title.startswith("Öffentliches Thema")
