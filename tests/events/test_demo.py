from io import StringIO

import pytest
from django.core import mail
from django.utils import timezone

from demo.loaders import events as demo
from demo.loaders import news as news_demo
from events.models import Event, Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    news_demo.load(stdout=StringIO())
    demo.load(stdout=StringIO())


def test_demo_events_load_once_and_send_no_mail(loaded):
    snapshot = list(Event.objects.values().order_by("pk"))
    registrations = Registration.objects.count()
    demo.load(stdout=StringIO())
    assert list(Event.objects.values().order_by("pk")) == snapshot
    assert Registration.objects.count() == registrations
    assert mail.outbox == []


def test_the_projects_real_events_are_past_with_their_documentation(loaded):
    uslar = Event.objects.get(slug="nachbarschaftsforum-uslar-2022")
    assert uslar.local_start.isoformat() == "2022-12-05T14:00:00+01:00"
    assert uslar.venue_name == "Kulturbahnhof Uslar"
    assert uslar.recap_article.slug == "nachbarschaftsforum-uslar-startet-srek"
    assert "Stefanie Bremer" in uslar.summary_html
    assert "region-kassel-land.de" in uslar.description_html
    beverungen = Event.objects.get(slug="fachforum-gewerbe-beverungen-2023")
    assert beverungen.local_start.date().isoformat() == "2023-05-30"
    assert "nicht genannt" in beverungen.description
    assert Event.objects.past().count() >= 5


def test_three_upcoming_events_differ_in_space_format_and_states(loaded):
    upcoming = list(Event.objects.upcoming().with_counts())
    assert len(upcoming) == 3
    assert len({e.space_id for e in upcoming}) == 3
    assert {e.format for e in upcoming} == {"vor-ort", "online", "hybrid"}
    assert len({tuple(e.states) for e in upcoming}) == 3
    assert all(e.starts_at > timezone.now() for e in upcoming)
    nearly_full = next(e for e in upcoming if e.capacity == 30)
    assert nearly_full.seats_taken == 29 and nearly_full.waiting_list
    assert any(e.is_members_only for e in upcoming)
