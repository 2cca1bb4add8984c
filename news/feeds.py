from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.translation import gettext_lazy as _

from .models import Article


class LatestArticlesFeed(Feed):
    """RSS 2.0: the newest published articles, never a draft or a scheduled one."""

    title = _("Region der Mitte – News")
    description = _(
        "News from the cross-state (economic) region between Kassel, Paderborn and "
        "Göttingen."
    )
    link = reverse_lazy("news:article-list")
    language = "de"
    limit = 20

    def get_object(self, request, *args, **kwargs):
        # Enclosure URLs must be absolute and the feed object is shared between
        # requests: the request is what each feed is made for.
        return request

    def items(self, request):
        articles = list(Article.objects.for_list()[: self.limit])
        for article in articles:
            rendition = article.largest_rendition
            article.enclosure = (
                Enclosure(
                    url=request.build_absolute_uri(rendition["url"]),
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
