"""`{% load events %}`: the events app's blocks and filters for any template (forum
pages and the home page included), without a Python import between the apps."""

from django import template
from django.utils.formats import date_format, get_format
from django.utils.translation import gettext as _

from ..models import Event

register = template.Library()


# The next events the forum pages look at: read once per request, whatever the
# number of spaces on the page (the forum index shows every space's).
UPCOMING_READ = 100


@register.inclusion_tag("events/_upcoming.html", takes_context=True)
def upcoming_events(context, space=None, limit=3, level=2):
    """The next events of a space (all spaces: none given), with a link to all;
    `level` is the heading level of the block where it stands."""
    events = _upcoming(context.get("request"))
    if space is not None:
        events = [event for event in events if event.space_id == space.pk]
    return {
        "events": events[:limit],
        "space": space,
        "heading": f"h{level}",
        "item_heading": f"h{level + 1}",
    }


def _upcoming(request) -> list[Event]:
    events = getattr(request, "_upcoming_events", None)
    if events is None:
        events = list(Event.objects.upcoming().for_list()[:UPCOMING_READ])
        if request is not None:
            request._upcoming_events = events
    return events


@register.filter
def when(event: Event) -> str:
    """The event's date and time in the interface's language, e.g. "Dienstag,
    30. Mai 2023, 10:00–16:00" ("Tuesday, 30 May 2023, 10:00–16:00"); days only for
    all-day events."""
    start, end = event.local_start, event.local_end
    day = "l, " + get_format("DATE_FORMAT")
    if event.all_day:
        if start.date() == end.date():
            return date_format(start, day)
        return _("%(start)s to %(end)s") % {
            "start": date_format(
                start,
                "DATE_FORMAT" if start.year != end.year else "MONTH_DAY_FORMAT",
            ),
            "end": date_format(end, "DATE_FORMAT"),
        }
    if start.date() == end.date():
        return _("%(day)s, %(start)s–%(end)s") % {
            "day": date_format(start, day),
            "start": date_format(start, "H:i"),
            "end": date_format(end, "H:i"),
        }
    return _("%(start)s to %(end)s") % {
        "start": _("%(day)s, %(time)s")
        % {
            "day": date_format(start, "DATE_FORMAT"),
            "time": date_format(start, "H:i"),
        },
        "end": _("%(day)s, %(time)s")
        % {
            "day": date_format(end, "DATE_FORMAT"),
            "time": date_format(end, "H:i"),
        },
    }
