from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import ArgumentCard


class CardSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return ArgumentCard.objects.published().only("slug", "updated_at")

    def lastmod(self, card):
        return card.updated_at


class CardListSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["toolbox:card-list"]

    def location(self, item):
        return reverse(item)
