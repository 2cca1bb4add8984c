"""Atom feeds of public forums: a forum's new topics, a topic's new posts.

Only what anonymous readers see: forums everyone reads, topics and posts that are
not hidden; a closed forum's feeds are a 404 like its pages. A post's text is its
public HTML, in which a quote of a hidden post is already a note.
"""

from django.contrib.syndication.views import Feed
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from core.site import absolute

from .models import Forum, Post, Topic

LIMIT = 30


def _author(item) -> str:
    return item.author.public_name if item.author else _("deleted account")


class ForumTopicsFeed(Feed):
    """A forum's newest topics, each with its opening post."""

    feed_type = Atom1Feed
    language = "de"

    def get_object(self, request, forum):
        return get_object_or_404(Forum.objects.public(), slug=forum)

    def title(self, forum):
        return _("%(forum)s: new topics – Region der Mitte") % {"forum": forum.name}

    def subtitle(self, forum):
        return forum.description

    def link(self, forum):
        return absolute(forum.get_absolute_url())

    def items(self, forum):
        first_post = (
            Post.objects.filter(topic=OuterRef("pk"), is_hidden=False)
            .order_by("pk")
            .values("pk")[:1]
        )
        topics = list(
            Topic.objects.public()
            .filter(forum=forum)
            .select_related("author", "forum")
            .annotate(first_post_id=Subquery(first_post))
            .order_by("-created_at", "-pk")[:LIMIT]
        )
        openings = Post.objects.only("pk", "body_html").in_bulk(
            [topic.first_post_id for topic in topics if topic.first_post_id]
        )
        for topic in topics:
            opening = openings.get(topic.first_post_id)
            topic.opening_html = opening.body_html if opening else ""
        return topics

    def item_title(self, topic):
        return topic.title

    def item_description(self, topic):
        return topic.opening_html

    def item_link(self, topic):
        return absolute(topic.get_absolute_url())

    def item_pubdate(self, topic):
        return topic.created_at

    def item_updateddate(self, topic):
        return topic.last_post_at

    def item_author_name(self, topic):
        return _author(topic)


class TopicPostsFeed(Feed):
    """A topic's newest posts."""

    feed_type = Atom1Feed
    language = "de"

    def get_object(self, request, forum, pk, slug):
        return get_object_or_404(
            Topic.objects.public().select_related("forum"), pk=pk, forum__slug=forum
        )

    def title(self, topic):
        return _("%(topic)s – Region der Mitte") % {"topic": topic.title}

    def subtitle(self, topic):
        return _("New posts in the topic “%(topic)s” (%(forum)s)") % {
            "topic": topic.title,
            "forum": topic.forum.name,
        }

    def link(self, topic):
        return absolute(topic.get_absolute_url())

    def items(self, topic):
        return (
            Post.objects.public()
            .filter(topic=topic)
            .select_related("author", "topic__forum")
            .defer("body")
            .order_by("-created_at", "-pk")[:LIMIT]
        )

    def item_title(self, post):
        return _("%(name)s in “%(topic)s”") % {
            "name": _author(post),
            "topic": post.topic.title,
        }

    def item_description(self, post):
        return post.body_html

    def item_link(self, post):
        return absolute(post.get_absolute_url())

    def item_pubdate(self, post):
        return post.created_at

    def item_author_name(self, post):
        return _author(post)
