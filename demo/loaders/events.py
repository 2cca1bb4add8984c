"""Demo events for `make run`, from `demo/content/events/*.md`.

The past events are the project's own, as its news and the Region Kassel-Land e.V.
reported them (each file names its sources); where a time or place is not known, the
file says so instead of inventing it. The upcoming ones are examples, dated from the
day of seeding (`in_days`, `at`, `hours`), one of them nearly full with a waiting
list, one members-only and online, one hybrid.

Idempotent: an event that exists (same slug) is left as it is. Demo participants
register through the services, with mail switched off while seeding.
"""

import datetime

from django.test.utils import override_settings
from django.utils import timezone

from demo.content import entries
from documents.models import Document
from events import services
from events.models import BERLIN, Event
from forums.models import Forum, Space
from news.models import Article

DOMAIN = "demo.regiondermitte.de"
# Invented names for the demo participants (their addresses end in DOMAIN).
NAMES = [
    "Anke Möller", "Bernd Schäfer", "Carla Wiegand", "Dirk Heine", "Elif Kaya",
    "Frank Lohse", "Gisela Brandt", "Hauke Jansen", "Ines Vogel", "Jan Kühn",
    "Katrin Engel", "Lars Pohl", "Maren Ahrens", "Nils Seidel", "Olga Bauer",
    "Paul Reuter", "Rita Hahn", "Sven Ludwig", "Tanja Werner", "Uwe Franke",
    "Vera Sommer", "Wilhelm Ott", "Yvonne Krug", "Zeynep Arslan", "Achim Lenz",
    "Birgit Kraft", "Cem Yilmaz", "Doris Haupt", "Emil Roth", "Frieda Graf",
]  # fmt: skip
STATE_FIELDS = {"HE": "state_he", "NI": "state_ni", "NW": "state_nw"}


def load(*, stdout) -> None:
    existing = set(Event.objects.values_list("slug", flat=True))
    created = 0
    # No mail to invented people while seeding.
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"
    ):
        for entry in entries("events"):
            if entry["slug"] in existing:
                continue
            event = _create(entry)
            _register(event, entry.get("participants", 0))
            created += 1
    stdout.write(f"Events: {created} demo events created.")


def _times(entry) -> tuple[datetime.datetime, datetime.datetime, bool]:
    if "in_days" in entry.meta:
        hour, minute = (int(part) for part in entry["at"].split(":"))
        day = timezone.localtime(timezone.now(), BERLIN).date() + datetime.timedelta(
            days=entry["in_days"]
        )
        start = datetime.datetime.combine(
            day, datetime.time(hour, minute), tzinfo=BERLIN
        )
        return start, start + datetime.timedelta(hours=entry["hours"]), False
    if entry.get("all_day"):
        day = entry["starts_on"]
        start = datetime.datetime.combine(day, datetime.time.min, tzinfo=BERLIN)
        end = datetime.datetime.combine(
            entry.get("ends_on", day), datetime.time(23, 59), tzinfo=BERLIN
        )
        return start, end, True
    return entry["starts_at"], entry["ends_at"], False


def _create(entry) -> Event:
    starts_at, ends_at, all_day = _times(entry)
    description = entry.body
    if entry.get("sources"):
        links = "\n".join(f"- <{url}>" for url in entry["sources"])
        description += f"\n**Quellen:**\n\n{links}\n"
    event = Event(
        slug=entry["slug"],
        title=entry["title"],
        teaser=entry["teaser"],
        description=description,
        starts_at=starts_at,
        ends_at=ends_at,
        all_day=all_day,
        format=entry["format"],
        venue_name=entry.get("venue_name", ""),
        venue_address=entry.get("venue_address", ""),
        accessibility=entry.get("accessibility", ""),
        online_url=entry.get("online_url", ""),
        space=Space.objects.filter(slug=entry.get("space")).first(),
        forum=Forum.objects.filter(slug=entry.get("forum")).first(),
        access=entry.get("access", Event.Access.OPEN),
        capacity=entry.get("capacity"),
        waiting_list=entry.get("waiting_list", True),
        summary=entry.get("summary", "").strip(),
        recap_article=Article.objects.filter(slug=entry.get("recap")).first(),
        status=entry.get("status", Event.Status.PUBLISHED),
        **{f"ask_{name}": entry.get(f"ask_{name}", "no") for name in Event.QUESTIONS},
        **{field: state in entry["states"] for state, field in STATE_FIELDS.items()},
    )
    if "deadline_days_before" in entry.meta:
        event.registration_deadline = starts_at - datetime.timedelta(
            days=entry["deadline_days_before"]
        )
    event = services.event_save(event=event)
    documents = Document.objects.filter(slug__in=entry.get("documents", []))
    event.documents.add(*documents)
    return event


def _register(event: Event, count: int) -> None:
    for number, name in enumerate(NAMES[:count], start=1):
        email = f"teilnahme{number}.{event.pk}@{DOMAIN}"
        pending = services.registration_request(
            event=event,
            name=name,
            email=email,
            answers=services.Answers(
                organisation="Gemeinde im Dreiländereck (Demo)"
                if event.question("organisation") != "no"
                else ""
            ),
        )
        services.registration_confirm(registration=pending)
