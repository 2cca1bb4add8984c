from django.contrib.sitemaps import Sitemap

from .models import Article


class ArticleSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return (
            Article.objects.published().select_related(None).only("slug", "updated_at")
        )

    def lastmod(self, article):
        return article.updated_at
