from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from core.sitemaps import ListSitemap

from .models import Municipality, Organisation, Person


class DirectorySitemap(ListSitemap):
    changefreq = "weekly"
    routes = ["contacts:person-list"]

    def latest(self):
        return Person.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class PersonSitemap(Sitemap):
    """Published persons only: unpublished ones appear nowhere."""

    changefreq = "monthly"

    def items(self):
        return Person.objects.published().only("slug", "updated_at").order_by("slug")

    def lastmod(self, person):
        return person.updated_at


class MunicipalitySitemap(Sitemap):
    """ "Wer ist zuständig?": the search page and every municipality's answer."""

    changefreq = "monthly"

    def items(self):
        return [
            "municipalities:search",
            *Municipality.objects.only("slug", "updated_at").order_by("slug"),
        ]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()

    def lastmod(self, item):
        return None if isinstance(item, str) else item.updated_at


class OrganisationSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Organisation.objects.only("slug", "updated_at").order_by("slug")

    def lastmod(self, organisation):
        return organisation.updated_at
