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
    """All but the forum's own page (see below)."""
    secret = forums["secret"]
    post = secret.posts.first()
    urls = [
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


def test_a_closed_forums_page_tells_outsiders_whom_it_is_for_and_how_to_join(
    client, signed_in, forums
):
    closed = forums["closed"]
    url = closed.get_absolute_url()
    join = reverse("forums:membership-request", kwargs={"forum": closed.slug})

    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 403
    assert "Dieses Forum ist für seine Mitglieder" in html
    assert closed.description in html
    assert f"{reverse('account_login')}?next={url}" in html
    assert "Geheimes Thema" not in html and "Antwort Nummer" not in html

    outsider = factories.user()
    html = signed_in(outsider).get(url).content.decode()
    assert f'href="{join}"' in html and "Mitgliedschaft beantragen" in html
    assert "Geheimes Thema" not in html

    services.membership_request(forum=closed, user=outsider, reason="Planerin.")
    response = signed_in(outsider).get(url)
    html = response.content.decode()
    assert response.status_code == 403
    assert "Sie haben die Mitgliedschaft am" in html and "beantragt" in html
    assert f'href="{join}"' not in html
    assert "Geheimes Thema" not in html

    services.membership_decide(
        membership=closed.memberships.get(user=outsider),
        moderator=factories.forum_moderator(closed),
        approve=False,
        note="Nur für Kommunen.",
    )
    html = signed_in(outsider).get(url).content.decode()
    assert "Ihr Antrag auf Mitgliedschaft wurde am" in html
    assert "Nur für Kommunen." in html
    assert f'href="{join}"' in html and "Erneut beantragen" in html
    assert "Geheimes Thema" not in html


def test_the_index_card_of_a_closed_forum_follows_the_request(signed_in, forums):
    closed = forums["closed"]
    join = reverse("forums:membership-request", kwargs={"forum": closed.slug})
    outsider = factories.user()
    reader = signed_in(outsider)

    def card() -> str:
        html = reader.get(reverse("forums:space-list")).content.decode()
        start = html.index(f'href="{closed.get_absolute_url()}"')
        end = html.find('<li class="forum-card">', start)
        return html[start : end if end > 0 else html.index("</section>", start)]

    assert join in card()
    services.membership_request(forum=closed, user=outsider, reason="Planerin.")
    assert join not in card()
    assert "Mitgliedschaft beantragt am" in card()
    assert "Mitgliedschaft beantragen" not in card()
    services.membership_decide(
        membership=closed.memberships.get(user=outsider),
        moderator=factories.forum_moderator(closed),
        approve=False,
    )
    assert "abgelehnt" in card() and join in card()


def test_the_index_lists_a_closed_forum_to_join_but_none_of_its_topics(client, forums):
    html = client.get(reverse("forums:space-list")).content.decode()
    assert forums["closed"].name in html
    assert (
        reverse("forums:membership-request", kwargs={"forum": forums["closed"].slug})
        in html
    )
    assert "Geheimes Thema" not in html
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
