"""The simpler match that SQLite (the `make run` default) uses; on PostgreSQL these
tests switch to it, so they run on both databases."""

import pytest

from search import engine
from tests import factories

from .conftest import main_of
from .test_search import titles

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _simple_match(monkeypatch):
    monkeypatch.setattr(engine, "uses_full_text", lambda: False)


def test_every_word_must_occur_and_minus_words_must_not(search):
    factories.article("Radverkehr in Höxter", body="Neue Wege an der Weser.")
    factories.article("Radverkehr in Kassel", body="Neue Wege an der Fulda.")
    factories.article("Busverkehr", body="Neue Linien an der Weser.")

    assert sorted(titles(search("Radverkehr Wege"))) == [
        "Radverkehr in Höxter",
        "Radverkehr in Kassel",
    ]
    assert titles(search("Radverkehr -Kassel")) == ["Radverkehr in Höxter"]
    assert sorted(titles(search("Fulda or Weser"))) == [
        "Busverkehr",
        "Radverkehr in Höxter",
        "Radverkehr in Kassel",
    ]
    assert titles(search('"Wege an der Fulda"')) == ["Radverkehr in Kassel"]


def test_title_hits_come_first_and_only_what_readers_may_see(search):
    factories.article("Anderes Thema", body="Hier steht Dorfladen im Text.")
    factories.article("Dorfladen eröffnet", body="Endlich.")
    factories.draft("Dorfladen Entwurf")
    closed = factories.forum(closed=True)
    factories.forum_topic(closed, title="Dorfladen intern")
    factories.contact_person("Dorfladen-Beratung")

    assert titles(search("Dorfladen")) == [
        "Dorfladen eröffnet",
        "Anderes Thema",
        "Dorfladen-Beratung",
    ]


def test_documents_and_persons_are_found_by_text_and_topics(search):
    factories.document("Protokoll", text="Beschlossen wurde ein Pendlerbarometer")
    person = factories.contact_person("Stelle Breitband")
    person.topics.add(factories.topic("Glasfaserausbau"))

    html = main_of(search("Pendlerbarometer"))
    assert titles(html) == ["Protokoll"]
    assert "<mark>Pendlerbarometer</mark>" in html
    assert titles(search("Glasfaserausbau")) == ["Stelle Breitband"]
