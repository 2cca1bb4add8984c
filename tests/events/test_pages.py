"""The public pages: lists, archive, event page, home block, forum pages, feeds, sitemap."""

import datetime
import json
import re
from zoneinfo import ZoneInfo

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import Event
from tests import factories

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def _titles(response) -> list[str]:
    return re.findall(
        r'class="event-item__title" id="event-\d+"><a href="[^"]+">([^<]+)<',
        response.content.decode(),
    )


def test_the_list_shows_upcoming_events_soonest_first_and_the_archive_the_past(client):
    factories.event("Später", days=20)
    factories.event("Bald", days=2)
    factories.event("Entwurf", status=Event.Status.DRAFT)
    factories.past_event("Vorbei")
    running = factories.event("Läuft gerade", days=-0.1, hours=5)
    assert running.has_started and not running.is_past
    assert _titles(client.get("/veranstaltungen/")) == [
        "Läuft gerade",
        "Bald",
        "Später",
    ]
    assert _titles(client.get("/veranstaltungen/archiv/")) == ["Vorbei"]


def test_filters_narrow_by_space_state_format_and_month(client):
    business = factories.event_space("unternehmensforum")
    factories.event("Unternehmen", space=business, format=Event.Format.HYBRID)
    factories.event("Hessen", state_ni=False, state_he=True)
    next_month = timezone.localtime(timezone.now(), BERLIN).replace(
        day=1
    ) + datetime.timedelta(days=40)
    factories.event(
        "Nächster Monat",
        starts_at=next_month.replace(day=3, hour=10, minute=0, second=0, microsecond=0),
    )
    assert _titles(
        client.get("/veranstaltungen/", {"bereich": "unternehmensforum"})
    ) == ["Unternehmen"]
    assert "Hessen" in _titles(client.get("/veranstaltungen/", {"land": "HE"}))
    assert "Unternehmen" not in _titles(client.get("/veranstaltungen/", {"land": "HE"}))
    assert _titles(client.get("/veranstaltungen/", {"format": "hybrid"})) == [
        "Unternehmen"
    ]
    month = client.get("/veranstaltungen/", {"monat": next_month.strftime("%Y-%m")})
    assert _titles(month) == ["Nächster Monat"]
    # A value that is not offered is a form error, not a 500.
    assert client.get("/veranstaltungen/", {"monat": "kaputt"}).status_code == 200


def test_list_and_detail_run_a_bounded_number_of_queries(
    client, django_assert_max_num_queries
):
    spaces = [
        factories.event_space(s)
        for s in ("nachbarschaftsforum", "fachforen", "unternehmensforum")
    ]
    for number in range(30):
        event = factories.event(
            f"Termin {number}", days=number + 1, space=spaces[number % 3], capacity=5
        )
        factories.registration(event)
    busy = factories.event("Gut besucht", capacity=100, ask_organisation="optional")
    for _ in range(40):
        factories.registration(busy, organisation="Gemeinde")
    busy.documents.add(*[factories.document(f"Unterlage {n}") for n in range(5)])
    past = factories.past_event("Vorbei", summary="Ergebnisse")
    past.documents.add(factories.document("Protokoll", category="protokoll"))
    # The next scheduled change (core/pagecache.py) is read once after changes.
    client.get("/robots.txt")
    # Measured: 4, 3 and 2 (counts are subqueries of the list's one query).
    with django_assert_max_num_queries(5):
        assert client.get("/veranstaltungen/").status_code == 200
    with django_assert_max_num_queries(5):
        assert client.get("/veranstaltungen/archiv/").status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(busy.get_absolute_url()).status_code == 200
    user = factories.user()
    client.force_login(user)
    factories.registration(busy, user=user)
    with django_assert_max_num_queries(8):
        assert client.get(busy.get_absolute_url()).status_code == 200


def test_the_event_page_for_readers_sets_no_cookie_and_links_to_the_form(client):
    event = factories.event(capacity=10)
    response = client.get(event.get_absolute_url())
    assert not response.cookies
    page = response.content.decode()
    assert "csrfmiddlewaretoken" not in page
    assert f'href="{event.get_absolute_url()}anmelden/"' in page
    assert "10 von 10 Plätzen frei" in page


def test_json_ld_describes_the_event_for_search_engines(client):
    organiser = factories.contact_person("Lisa Zierenberg")
    event = factories.event(
        "Nachbarschaftsforum",
        format=Event.Format.HYBRID,
        capacity=2,
        organiser=organiser,
        teaser="Ein </script><script>alert(1)</script> Anreißer",
    )
    factories.registration(event)
    page = client.get(event.get_absolute_url()).content.decode()
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', page, re.S
    )
    assert not any("<script>" in block for block in blocks)
    # The event, and the breadcrumbs (BreadcrumbList) as on every page.
    [data] = [
        item for item in map(json.loads, blocks) if item["@type"] != "BreadcrumbList"
    ]
    block = json.dumps(data)
    assert data["@type"] == "Event"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert {place["@type"] for place in data["location"]} == {
        "Place",
        "VirtualLocation",
    }
    assert event.online_url not in block
    assert data["organizer"]["name"] == "Lisa Zierenberg"
    assert data["offers"]["availability"] == "https://schema.org/LimitedAvailability"
    assert data["startDate"] == event.local_start.isoformat()
    services.event_cancel(event=event, reason="Krank")
    page = client.get(event.get_absolute_url()).content.decode()
    assert "https://schema.org/EventCancelled" in page


def test_a_past_event_turns_into_its_documentation(client):
    recap = factories.article("Bericht aus Beverungen")
    event = factories.past_event(
        "Fachforum Gewerbe",
        summary="Ein **digitaler Gewerbeflächenpool** wurde vorgeschlagen.",
        recap_article=recap,
    )
    event.documents.add(
        factories.document("Protokoll Fachforum", category="protokoll"),
        factories.document("Folien Fachforum", category="praesentation"),
        factories.document("Entwurf", status="draft"),
    )
    page = client.get(event.get_absolute_url()).content.decode()
    assert '<h2 id="documentation-heading">Dokumentation</h2>' in page
    assert "<strong>digitaler Gewerbeflächenpool</strong>" in page
    assert "Protokoll Fachforum" in page and "Folien Fachforum" in page
    assert ">Entwurf<" not in page
    assert recap.get_absolute_url() in page
    assert "Anmelden" not in re.sub(r"<header.*?</header>", "", page, flags=re.S)


def test_drafts_are_for_editors_only(client):
    draft = factories.event("Entwurf", status=Event.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(factories.editor())
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_home_shows_the_next_three_events(client):
    factories.home_content()
    for number in range(4):
        factories.event(f"Termin Nummer {number}", days=number + 1)
    factories.event(
        "Abgesagt", days=0.5, status=Event.Status.CANCELLED, cancel_reason="x"
    )
    page = client.get("/").content.decode()
    assert "Nächste Termine" in page
    shown = re.findall(r"Termin Nummer (\d)", page)
    assert shown == ["0", "1", "2"]
    assert "Abgesagt" not in page


def test_forum_pages_show_their_spaces_upcoming_events(client):
    forum = factories.forum()
    factories.event("Im eigenen Bereich", space=forum.space)
    factories.event("Anderswo", space=factories.event_space("anderer-bereich"))
    page = client.get(forum.get_absolute_url()).content.decode()
    assert "Im eigenen Bereich" in page and "Anderswo" not in page
    index = client.get(reverse("forums:space-list")).content.decode()
    assert "Im eigenen Bereich" in index and "Anderswo" in index


def test_feeds_list_upcoming_events_as_termine(client):
    factories.event("Nachbarschaftsforum", days=3, space=factories.event_space())
    factories.past_event("Vorbei")
    factories.event("Entwurf", status=Event.Status.DRAFT)
    for name in ("events:feed-rss", "events:feed-atom"):
        feed = feedparser.parse(client.get(reverse(name)).content)
        assert feed.feed.title == "Region der Mitte – Termine"
        assert [entry.title.split(": ", 1)[1] for entry in feed.entries] == [
            "Nachbarschaftsforum"
        ]


def test_the_sitemap_lists_public_events_only(client):
    public = factories.event("Öffentlich")
    draft = factories.event("Entwurf", status=Event.Status.DRAFT)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert public.get_absolute_url() in sitemap
    assert draft.get_absolute_url() not in sitemap
    assert "/veranstaltungen/archiv/" in sitemap
