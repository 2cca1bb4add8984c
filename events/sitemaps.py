from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Event


class EventSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Event.objects.public().only("slug", "updated_at")

    def lastmod(self, event):
        return event.updated_at


class EventListSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["events:event-list", "events:event-archive"]

    def location(self, item):
        return reverse(item)
