from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.site import absolute

from .models import BERLIN, Event


class UpcomingEventsFeed(Feed):
    """RSS 2.0 "Termine": the coming events, soonest first; never a draft."""

    title = gettext_lazy("Region der Mitte – Events")
    description = gettext_lazy(
        "Upcoming events of the cross-state region between Kassel, Paderborn and "
        "Göttingen."
    )
    language = "de"
    url_name = "events:feed-rss"
    limit = 30

    def link(self):
        return absolute(reverse("events:event-list"))

    def feed_url(self):
        return absolute(reverse(self.url_name))

    def items(self):
        return Event.objects.upcoming().for_list()[: self.limit]

    def item_title(self, event):
        when = date_format(localtime(event.starts_at, BERLIN), "DATE_FORMAT")
        title = f"{when}: {event.title}"
        return f"{_('Cancelled')} – {title}" if event.is_cancelled else title

    def item_link(self, event):
        return absolute(event.get_absolute_url())

    def item_description(self, event):
        return event.teaser

    def item_pubdate(self, event):
        return event.created_at

    def item_updateddate(self, event):
        return event.updated_at

    def item_categories(self, event):
        return [event.space.name] if event.space_id else []

    def item_guid(self, event):
        return f"urn:uuid:{event.uid}"

    item_guid_is_permalink = False


class UpcomingEventsAtomFeed(UpcomingEventsFeed):
    feed_type = Atom1Feed
    url_name = "events:feed-atom"
    subtitle = UpcomingEventsFeed.description
