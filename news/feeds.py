from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.translation import gettext_lazy as _

from core.site import absolute

from .models import Article


class LatestArticlesFeed(Feed):
    """RSS 2.0: the newest published articles, never a draft or a scheduled one."""

    title = _("Region der Mitte – News")
    description = _(
        "News from the cross-state (economic) region between Kassel, Paderborn and "
        "Göttingen."
    )
    language = "de"
    url_name = "news:feed-rss"
    limit = 20

    def link(self):
        return absolute(reverse("news:article-list"))

    def feed_url(self):
        return absolute(reverse(self.url_name))

    def items(self):
        articles = list(Article.objects.for_list()[: self.limit])
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
