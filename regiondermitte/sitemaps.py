"""The sitemap: one section per app, each listing only what anonymous readers may see."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from contacts.sitemaps import (
    DirectorySitemap,
    MunicipalitySitemap,
    OrganisationSitemap,
    PersonSitemap,
)
from core.sitemaps import ListSitemap
from documents.sitemaps import DocumentListSitemap, DocumentSitemap
from events.sitemaps import EventListSitemap, EventSitemap
from forums.sitemaps import ForumIndexSitemap, ForumSitemap, TopicSitemap
from news.sitemaps import ArticleSitemap, NewsListSitemap
from pages.models import Page
from toolbox.sitemaps import CardListSitemap, CardSitemap

# The lists whose newest entries the home page shows.
HOME_SECTIONS = [
    NewsListSitemap,
    DocumentListSitemap,
    ForumIndexSitemap,
    DirectorySitemap,
]


class StaticSitemap(ListSitemap):
    routes = ["home"]

    def latest(self):
        changes = [section().latest() for section in HOME_SECTIONS]
        changes.append(
            Page.objects.filter(slug__in=["projekt", "region-gestalten"]).aggregate(
                latest=Max("updated_at")
            )["latest"]
        )
        changes = [change for change in changes if change is not None]
        return max(changes, default=None)


class PageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Page.objects.order_by("slug")

    def lastmod(self, page):
        return page.updated_at


def in_both_languages(sitemap: type[Sitemap]) -> type[Sitemap]:
    """Every address in German and under /en/, each with the other as alternate."""
    return type(
        sitemap.__name__,
        (sitemap,),
        {"i18n": True, "alternates": True, "x_default": True},
    )


SITEMAPS = {
    name: in_both_languages(sitemap)
    for name, sitemap in {
        "static": StaticSitemap,
        "pages": PageSitemap,
        "news-list": NewsListSitemap,
        "document-list": DocumentListSitemap,
        "forum-index": ForumIndexSitemap,
        "documents": DocumentSitemap,
        "news": ArticleSitemap,
        "contacts": DirectorySitemap,
        "contact-persons": PersonSitemap,
        "organisations": OrganisationSitemap,
        "municipalities": MunicipalitySitemap,
        "forums": ForumSitemap,
        "forum-topics": TopicSitemap,
        "event-lists": EventListSitemap,
        "events": EventSitemap,
        "toolbox": CardListSitemap,
        "toolbox-cards": CardSitemap,
    }.items()
}
