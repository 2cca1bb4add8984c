import pytest
from django.urls import reverse

from forums import services
from forums.models import Forum, Report
from tests import factories

pytestmark = pytest.mark.django_db

MODELS = ["space", "forum", "topic", "post", "membership", "report", "moderationlog"]


def test_every_forum_model_opens_in_the_admin_for_administrators(client):
    topic = factories.forum_topic(replies=2)
    post = topic.last_post
    services.post_edit(post=post, editor=post.author, body="Neu.")
    Report.objects.create(post=post, reporter=factories.user(), reason="Test.")
    client.force_login(factories.admin())
    for model in MODELS:
        response = client.get(reverse(f"admin:forums_{model}_changelist"))
        assert response.status_code == 200, model
    for name, obj in [("forum", topic.forum), ("topic", topic), ("post", post)]:
        url = reverse(f"admin:forums_{name}_change", args=[obj.pk])
        assert client.get(url).status_code == 200, name


def test_editors_add_a_forum_in_the_admin(client):
    client.force_login(factories.editor())
    moderator = factories.moderator()
    space = Forum.objects.get(slug="nachbarschaftsforum").space
    response = client.post(
        reverse("admin:forums_forum_add"),
        {
            "space": space.pk,
            "name": "Tourismus",
            "slug": "tourismus",
            "description": "Gemeinsam für Gäste werben.",
            "order": 2,
            "state_he": "on",
            "read_access": "everyone",
            "post_access": "verified",
            "moderators": [moderator.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    forum = Forum.objects.get(slug="tourismus")
    assert list(forum.moderators.all()) == [moderator]
    assert client.get("/foren/tourismus/").status_code == 200


def test_a_closed_forum_where_everyone_posts_is_refused_in_the_admin(client):
    client.force_login(factories.editor())
    space = Forum.objects.get(slug="nachbarschaftsforum").space
    response = client.post(
        reverse("admin:forums_forum_add"),
        {
            "space": space.pk,
            "name": "Geheim",
            "slug": "abbestellen",
            "order": 1,
            "read_access": "members",
            "post_access": "verified",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "nur Mitglieder lesen dürfen, dürfen auch nur Mitglieder schreiben" in html
    assert "Diese Adresse ist reserviert" in html
    assert not Forum.objects.filter(name="Geheim").exists()
