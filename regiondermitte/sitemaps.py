"""The sitemap: one section per app, each listing only what anonymous readers may see."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from contacts.sitemaps import DirectorySitemap, PersonSitemap
from documents.sitemaps import DocumentSitemap
from events.sitemaps import EventListSitemap, EventSitemap
from forums.sitemaps import ForumSitemap, TopicSitemap
from news.sitemaps import ArticleSitemap
from pages.models import Page


class StaticSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["home"]

    def location(self, item):
        return reverse(item)


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
        "documents": DocumentSitemap,
        "news": ArticleSitemap,
        "contacts": DirectorySitemap,
        "contact-persons": PersonSitemap,
        "forums": ForumSitemap,
        "forum-topics": TopicSitemap,
        "event-lists": EventListSitemap,
        "events": EventSitemap,
    }.items()
}
