from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.site import absolute

from .models import Article, Category


class LatestArticlesFeed(Feed):
    """RSS 2.0: the newest published articles, never a draft or a scheduled one;
    `?kategorie=<slug>` keeps one category (an unknown one is a 404). Every link is
    made from the site's address (DJANGO_SITE_URL), not the request's host."""

    description = gettext_lazy(
        "News from the cross-state (economic) region between Kassel, Paderborn and "
        "Göttingen."
    )
    language = "de"
    url_name = "news:feed-rss"
    limit = 20

    def get_object(self, request, *args, **kwargs):
        """The category of `?kategorie=`, or None for all news (the feed object is
        shared between requests: the category is per request)."""
        slug = request.GET.get("kategorie")
        return get_object_or_404(Category, slug=slug) if slug else None

    def title(self, category):
        if category is None:
            return _("Region der Mitte – News")
        return _("Region der Mitte – News: %(category)s") % {"category": category.name}

    def link(self, category):
        if category is None:
            return absolute(reverse("news:article-list"))
        return absolute(category.get_absolute_url())

    def feed_url(self, category):
        url = absolute(reverse(self.url_name))
        return f"{url}?kategorie={category.slug}" if category else url

    def items(self, category):
        articles = Article.objects.for_list()
        if category is not None:
            articles = articles.filter(category=category)
        articles = list(articles[: self.limit])
        for article in articles:
            rendition = article.largest_rendition
            article.enclosure = (
                Enclosure(
                    url=absolute(rendition["url"]),
                    length=str(rendition["size"]),
                    mime_type=rendition["type"],
                )
                if rendition
                else None
            )
        return articles

    def item_link(self, article):
        return absolute(article.get_absolute_url())

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
    url_name = "news:feed-atom"
    subtitle = LatestArticlesFeed.description
