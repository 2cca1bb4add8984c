"""Only what anonymous readers see: open forums and their visible topics."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from core.sitemaps import ListSitemap

from .models import Forum, Topic


class ForumSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Forum.objects.public().order_by("pk")

    def lastmod(self, forum):
        return forum.last_post_at


class TopicSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Topic.objects.public().select_related("forum").order_by("pk")

    def lastmod(self, topic):
        return topic.last_post_at


class ForumIndexSitemap(ListSitemap):
    routes = ["forums:space-list"]

    def latest(self):
        return Forum.objects.public().aggregate(latest=Max("last_post_at"))["latest"]
