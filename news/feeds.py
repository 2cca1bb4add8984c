from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Article, Category


@dataclass(frozen=True)
class FeedScope:
    """What one feed is made for: the request (enclosure URLs must be absolute) and
    the category, from `?kategorie=` as on the news list (None: all news)."""

    request: HttpRequest
    category: Category | None


class LatestArticlesFeed(Feed):
    """RSS 2.0: the newest published articles, never a draft or a scheduled one;
    `?kategorie=<slug>` keeps one category (an unknown one is a 404)."""

    description = gettext_lazy(
        "News from the cross-state (economic) region between Kassel, Paderborn and "
        "Göttingen."
    )
    language = "de"
    limit = 20

    def get_object(self, request, *args, **kwargs):
        # The feed object is shared between requests: the scope is per request.
        slug = request.GET.get("kategorie")
        category = get_object_or_404(Category, slug=slug) if slug else None
        return FeedScope(request, category)

    def title(self, scope):
        if scope.category is None:
            return _("Region der Mitte – News")
        return _("Region der Mitte – News: %(category)s") % {
            "category": scope.category.name
        }

    def link(self, scope):
        if scope.category is None:
            return reverse("news:article-list")
        return scope.category.get_absolute_url()

    def items(self, scope):
        articles = Article.objects.for_list()
        if scope.category is not None:
            articles = articles.filter(category=scope.category)
        articles = list(articles[: self.limit])
        for article in articles:
            rendition = article.largest_rendition
            article.enclosure = (
                Enclosure(
                    url=scope.request.build_absolute_uri(rendition["url"]),
                    length=str(rendition["size"]),
                    mime_type=rendition["type"],
                )
                if rendition
                else None
            )
        return articles

    def item_description(self, article):
        return article.teaser

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        # A scheduled article's last edit can predate its publication.
        return max(article.updated_at, article.published_at)

    def item_author_name(self, article):
        return article.author.public_name if article.author else None

    def item_categories(self, article):
        return [article.category.name]

    def item_enclosures(self, article):
        return [article.enclosure] if article.enclosure else []


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description
