import pytest

from accounts.services import user_delete, user_export
from forums import services
from forums.models import Forum, Post, Space
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_data_download_holds_forum_posts_topics_follows_and_memberships():
    forum = factories.forum(closed=True)
    user = factories.user()
    factories.forum_membership(forum=forum, user=user)
    topic = factories.forum_topic(forum, author=user, title="Mein Thema", body="Erst.")
    services.post_edit(post=topic.posts.get(), editor=user, body="Dann.")
    services.forum_follow(forum=forum, user=user)
    other = factories.forum_topic(forum)
    services.post_report(post=other.posts.get(), reporter=user, reason="Werbung.")

    data = user_export(user=user)["forums"]

    assert [t["title"] for t in data["topics"]] == ["Mein Thema"]
    [post] = data["posts"]
    assert (post["text"], post["earlier_versions"][0]["text"]) == ("Dann.", "Erst.")
    assert [f["topic"] for f in data["followed_topics"]] == ["Mein Thema"]
    assert [f["forum"] for f in data["followed_forums"]] == [forum.name]
    assert [m["status"] for m in data["memberships"]] == ["approved"]
    assert [r["reason"] for r in data["reports"]] == ["Werbung."]


def test_a_deleted_account_leaves_its_posts_as_deleted_account(client):
    topic = factories.forum_topic(replies=1)
    author = topic.author
    user_delete(user=author)
    topic.refresh_from_db()
    assert topic.author is None
    assert topic.posts.count() == 2
    assert Post.objects.filter(topic=topic, author=None).count() == 1
    assert "gelöschtes Konto" in client.get(topic.get_absolute_url()).content.decode()


def test_the_migrations_create_the_three_spaces_and_their_forums():
    assert list(Space.objects.values_list("slug", flat=True)) == [
        "nachbarschaftsforum",
        "fachforen",
        "unternehmensforum",
    ]
    forums = {f.slug: f for f in Forum.objects.all()}
    assert forums["nachbarschaftsforum"].read_access == Forum.ReadAccess.EVERYONE
    assert forums["nachbarschaftsforum"].post_access == Forum.PostAccess.VERIFIED
    assert {
        "gewerbeflaechen",
        "mobilitaet-und-oepnv",
        "fachkraefte",
        "siedlungsentwicklung",
        "erneuerbare-energien",
    } <= set(forums)
    assert forums["gewerbeflaechen"].post_access == Forum.PostAccess.MEMBERS
    assert forums["nachhaltiges-wirtschaften"].is_closed


def test_the_goals_links_reach_their_spaces(client):
    assert client.get("/foren/nachbarschaftsforum/").status_code == 200
    html = client.get("/foren/").content.decode()
    assert 'id="fachforen"' in html and 'id="unternehmensforum"' in html


def test_editors_keep_spaces_and_forums_moderators_see_the_log():
    editor, moderator = factories.editor(), factories.moderator()
    assert editor.has_perms(["forums.add_forum", "forums.change_space"])
    assert not editor.has_perm("forums.change_post")
    assert moderator.has_perms(["forums.view_moderationlog", "forums.view_report"])
    assert not moderator.has_perm("forums.change_forum")
