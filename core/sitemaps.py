"""A sitemap section for list pages (`/aktuelles/`, `/dokumente/`, …): their address
changes nothing, their content does, so `lastmod` is the newest change of what they
list, asked once per sitemap."""

from datetime import datetime
from functools import cached_property

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class ListSitemap(Sitemap):
    changefreq = "daily"
    routes: list[str] = []  # the list pages' route names

    def items(self):
        return self.routes

    def location(self, item):
        return reverse(item)

    def latest(self) -> datetime | None:
        """When what the lists show last changed; None when they are empty."""
        raise NotImplementedError

    @cached_property
    def _latest(self) -> datetime | None:
        return self.latest()

    def lastmod(self, item):
        return self._latest
