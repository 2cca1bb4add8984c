import pytest

from core.text import german_slugify, tel_uri, unique_slug
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
