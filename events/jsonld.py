"""schema.org `Event` for search engines' event listings; base.html writes it out
through core.jsonld (the page's `json_ld`)."""

from .models import Event

STATUS = {
    Event.Status.PUBLISHED: "https://schema.org/EventScheduled",
    Event.Status.CANCELLED: "https://schema.org/EventCancelled",
    Event.Status.DRAFT: "https://schema.org/EventScheduled",
}
ATTENDANCE = {
    Event.Format.ON_SITE: "https://schema.org/OfflineEventAttendanceMode",
    Event.Format.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Event.Format.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def _place(event: Event) -> dict:
    lines = [line.strip() for line in event.venue_address.splitlines() if line.strip()]
    place = {"@type": "Place", "name": event.venue_name or event.location_text}
    if lines:
        place["address"] = {
            "@type": "PostalAddress",
            "streetAddress": lines[0],
            "addressLocality": lines[-1] if len(lines) > 1 else "",
            "addressCountry": "DE",
        }
    if event.has_geo:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(event.latitude),
            "longitude": float(event.longitude),
        }
    return place


def data(event: Event, *, request, canonical_url: str) -> dict:
    item = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.teaser,
        "url": canonical_url,
        "eventStatus": STATUS[event.status],
        "eventAttendanceMode": ATTENDANCE[event.format],
        "inLanguage": "de",
    }
    if event.all_day:
        item["startDate"] = event.local_start.date().isoformat()
        item["endDate"] = event.local_end.date().isoformat()
    else:
        item["startDate"] = event.local_start.isoformat()
        item["endDate"] = event.local_end.isoformat()
    locations = []
    if event.is_on_site:
        locations.append(_place(event))
    if event.is_online:
        # The conference link is for participants only: the event page stands in.
        locations.append({"@type": "VirtualLocation", "url": canonical_url})
    item["location"] = locations[0] if len(locations) == 1 else locations
    organizer = {"@type": "Organization", "name": "Region der Mitte"}
    if event.organiser is not None:
        organizer = {"@type": "Person", "name": event.organiser.name}
        if event.organiser.organisation_id:
            organizer["worksFor"] = {
                "@type": "Organization",
                "name": event.organiser.organisation.name,
            }
    item["organizer"] = organizer
    if event.largest_rendition:
        item["image"] = request.build_absolute_uri(event.largest_rendition["url"])
    if event.takes_registrations:
        left = event.seats_left()
        if not event.registration_is_open:
            availability = (
                "https://schema.org/SoldOut"
                if left == 0
                else ("https://schema.org/Discontinued")
            )
        elif left == 0 and event.is_hybrid:
            # The room is full; taking part online still is not.
            availability = "https://schema.org/LimitedAvailability"
        elif left == 0:
            availability = "https://schema.org/SoldOut"
        elif left is not None and event.is_nearly_full:
            availability = "https://schema.org/LimitedAvailability"
        else:
            availability = "https://schema.org/InStock"
        item["offers"] = {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "EUR",
            "url": canonical_url,
            "availability": availability,
            "validThrough": event.deadline.isoformat(),
        }
    return item
