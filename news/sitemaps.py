from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from core.sitemaps import ListSitemap

from .models import Article


class ArticleSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return (
            Article.objects.published().select_related(None).only("slug", "updated_at")
        )

    def lastmod(self, article):
        return article.updated_at


class NewsListSitemap(ListSitemap):
    routes = ["news:article-list"]

    def latest(self):
        return Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]
