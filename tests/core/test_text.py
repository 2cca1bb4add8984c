import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from core.text import SlugFromTitle, german_slugify, tel_uri, unique_slug
from news.models import Article
from tests import factories


def test_german_slugify_spells_out_umlauts_and_sharp_s():
    assert german_slugify("Förderung für Straßen in Göttingen") == (
        "foerderung-fuer-strassen-in-goettingen"
    )
    assert german_slugify("Über Ärger: Öffnung") == "ueber-aerger-oeffnung"


def test_german_slugify_cuts_at_the_length_without_a_dangling_hyphen():
    assert german_slugify("Region der Mitte", max_length=7) == "region"


@pytest.mark.django_db
def test_unique_slug_numbers_taken_and_reserved_addresses():
    factories.article("Fachforum Mobilität")
    assert unique_slug(Article, "Fachforum Mobilität", fallback="artikel") == (
        "fachforum-mobilitaet-2"
    )
    assert unique_slug(Article, "Feed", fallback="x", reserved={"feed"}) == "feed-2"
    assert unique_slug(Article, "!!!", fallback="artikel") == "artikel"


SLUGGED = [m for m in apps.get_models() if issubclass(m, SlugFromTitle)]


def test_articles_events_cards_and_documents_take_their_address_from_the_title():
    names = {model.__name__ for model in SLUGGED}
    assert names == {"Article", "ArgumentCard", "Document", "Event"}


@pytest.mark.django_db
@pytest.mark.parametrize("model", SLUGGED, ids=lambda model: model.__name__)
def test_an_apps_own_addresses_are_never_an_items(model):
    for reserved in model.reserved_slugs:
        item = model(title=reserved.replace("-", " "))
        item.fill_slug()
        assert item.slug == f"{reserved}-2"
        given = model(title="Ein Titel", slug=reserved)
        assert "slug" in given.slug_errors()
        with pytest.raises(ValidationError) as refused:
            given.clean()
        assert "slug" in refused.value.message_dict
    nameless = model(title="!!!")
    nameless.fill_slug()
    assert nameless.slug == model.slug_fallback


@pytest.mark.parametrize(
    ("written", "uri"),
    [
        ("0 56 92 / 99 777 - 14", "tel:+4956929977714"),
        # The "(0)" of the national prefix is not dialled after the country code.
        ("+49 (0) 5692 99777-14", "tel:+4956929977714"),
        ("0049 5271 965-0", "tel:+4952719650"),
        ("+43 1 234567", "tel:+431234567"),
    ],
)
def test_tel_uri_writes_international_numbers(written, uri):
    assert tel_uri(written) == uri
