from django.contrib.sitemaps import Sitemap

from .models import Document


class DocumentSitemap(Sitemap):
    """Document pages anonymous readers may open: published ones, old versions too."""

    changefreq = "monthly"

    def items(self):
        return Document.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, document):
        return document.updated_at
