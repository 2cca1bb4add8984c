from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from core.sitemaps import ListSitemap

from .models import Document


class DocumentSitemap(Sitemap):
    """Document pages anonymous readers may open: published ones, old versions too."""

    changefreq = "monthly"

    def items(self):
        return Document.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, document):
        return document.updated_at


class DocumentListSitemap(ListSitemap):
    routes = ["documents:document-list"]

    def latest(self):
        return Document.objects.published().aggregate(latest=Max("updated_at"))[
            "latest"
        ]
