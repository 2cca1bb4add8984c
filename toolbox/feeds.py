from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from .models import ArgumentCard


class AgreedCardsFeed(Feed):
    """RSS 2.0 "neu abgestimmt": cards a Fachforum agreed, the newest agreement first."""

    title = _("Region der Mitte – Toolbox: newly agreed")
    description = _(
        "Argument cards for planning in Hesse, Lower Saxony and North "
        "Rhine-Westphalia that a Fachforum has agreed."
    )
    link = reverse_lazy("toolbox:card-list")
    language = "de"
    limit = 30

    def items(self):
        return ArgumentCard.objects.newly_agreed().defer("reasoning", "reasoning_html")[
            : self.limit
        ]

    def item_title(self, card):
        return card.title

    def item_description(self, card):
        return card.question

    def item_pubdate(self, card):
        return card.published_at

    def item_updateddate(self, card):
        return card.updated_at

    def item_categories(self, card):
        return [card.get_topic_display()]

    def item_guid(self, card):
        return f"{card.get_absolute_url()}#fassung-{card.version}"

    item_guid_is_permalink = False
