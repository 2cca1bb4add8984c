"""The demo argument cards: real planning instruments, linked to the demo forums."""

from io import StringIO

import pytest

from demo.loaders import accounts, contacts, documents, events, forums, news, pages
from demo.loaders import toolbox as demo
from toolbox.models import ArgumentCard

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    for loader in (accounts, pages, contacts, documents, news, forums, events, demo):
        loader.load(stdout=StringIO())


def test_the_demo_cards_cover_four_topics_and_every_stage_of_agreement(loaded):
    cards = ArgumentCard.objects.published()
    assert cards.count() >= 8
    assert len(set(cards.values_list("topic", flat=True))) >= 4
    assert set(cards.values_list("status", flat=True)) == {
        "entwurf",
        "in-abstimmung",
        "abgestimmt",
    }
    for card in cards:
        assert card.forum_topics.exists(), card.slug
        assert card.document_sources.exists(), card.slug
        assert card.citations.exists(), card.slug
        assert card.sections.exists(), card.slug
        assert card.versions.count() == 1
    for card in cards.filter(status="abgestimmt"):
        assert card.agreed_on and card.agreed_by_id


def test_the_cards_name_real_instruments_and_say_what_is_unconfirmed(loaded):
    card = ArgumentCard.objects.get(slug="gewerbegebiete-ueber-die-landesgrenze")
    basis = {section.state: section.basis for section in card.sections.all()}
    assert "Regionalplan Nordhessen 2009" in basis["HE"]
    assert "Landes-Raumordnungsprogramm" in basis["NI"]
    assert "Regionalplan OWL" in basis["NW"]
    assert "nicht bestätigt" in basis["NI"]


def test_the_demo_cards_load_once(loaded):
    snapshot = list(ArgumentCard.objects.values("slug", "version").order_by("pk"))
    demo.load(stdout=StringIO())
    assert list(ArgumentCard.objects.values("slug", "version").order_by("pk")) == (
        snapshot
    )
