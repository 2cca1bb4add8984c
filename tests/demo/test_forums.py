import datetime
import io

import pytest

from demo.loaders import accounts
from demo.loaders import forums as demo
from forums.models import Forum, Membership, Post, Report, Space, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    accounts.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())


def test_the_demo_discussions_load_twice_without_duplicates(loaded):
    counts = (Topic.objects.count(), Post.objects.count(), Membership.objects.count())
    posts = list(Post.objects.values("pk", "body", "created_at").order_by("pk"))
    demo.load(stdout=io.StringIO())
    assert (
        Topic.objects.count(),
        Post.objects.count(),
        Membership.objects.count(),
    ) == counts
    assert list(Post.objects.values("pk", "body", "created_at").order_by("pk")) == posts
    for space in Space.objects.all():
        assert Topic.objects.filter(forum__space=space).count() >= 1, space
    assert Membership.objects.filter(status=Membership.Status.PENDING).exists()
    assert Report.objects.filter(status=Report.Status.OPEN).count() == 1
    moderator = Forum.objects.get(slug="nachbarschaftsforum").moderators.get()
    assert moderator.email == "moderation@demo.regiondermitte.de"
    for forum in Forum.objects.all():
        recount = Post.objects.filter(
            topic__forum=forum, topic__is_hidden=False, is_hidden=False
        ).count()
        assert forum.post_count == recount
    organisations = {t.author.organisation for t in Topic.objects.exclude(author=None)}
    assert len(organisations) >= 4


def test_a_topics_replies_are_the_sections_of_its_file_in_their_order(loaded):
    topic = Topic.objects.get(title__startswith="Kooperation über die Landesgrenze")
    posts = list(topic.posts.order_by("pk"))
    assert [post.author.email.split("@")[0] for post in posts] == [
        "vogt",
        "albers",
        "hoppe",
        "brand",
    ]
    assert posts[0].body.startswith("In der Region der Mitte pendeln viele Menschen")
    assert posts[1].body.startswith("Bei uns ganz klar bei den Daten")
    # Backdated: 12 days ago, the replies 5, 26 and 50 hours after the opening post.
    assert [
        round((post.created_at - posts[0].created_at) / datetime.timedelta(hours=1))
        for post in posts
    ] == [0, 5, 26, 50]
    assert topic.created_at == posts[0].created_at
    assert sorted(topic.states) == ["HE", "NI", "NW"]
    assert topic.post_count == 4


def test_the_welcome_topic_is_pinned_and_written_by_the_moderation(loaded):
    pinned = Topic.objects.get(is_pinned=True)
    assert pinned.title.startswith("Willkommen im Nachbarschaftsforum")
    assert pinned.author.email == "moderation@demo.regiondermitte.de"
    quote = Post.objects.get(body__startswith="Dr. Anja Hoppe schrieb:")
    assert "<blockquote>" in quote.body_html
