from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from core.sitemaps import ListSitemap

from .models import Person


class DirectorySitemap(ListSitemap):
    changefreq = "weekly"
    routes = ["contacts:person-list"]

    def latest(self):
        return Person.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class PersonSitemap(Sitemap):
    """Published persons only: unpublished ones appear nowhere."""

    changefreq = "monthly"

    def items(self):
        return Person.objects.published().only("slug", "updated_at").order_by("slug")

    def lastmod(self, person):
        return person.updated_at
