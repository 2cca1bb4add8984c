from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Person


class DirectorySitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["contacts:person-list"]

    def location(self, item):
        return reverse(item)


class PersonSitemap(Sitemap):
    """Published persons only: unpublished ones appear nowhere."""

    changefreq = "monthly"

    def items(self):
        return Person.objects.published().only("slug", "updated_at").order_by("slug")

    def lastmod(self, person):
        return person.updated_at
