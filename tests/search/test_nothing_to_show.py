"""What the search page says and offers when it has no hits to show: an empty
query, a query that finds nothing, a query with no word to look for."""

import re

import pytest
from django.urls import reverse

from search.kinds import KINDS

from .conftest import main_of

pytestmark = pytest.mark.django_db

NOT_A_WORD = "Ihre Suchanfrage enthält kein Wort, nach dem gesucht werden kann"
TOO_COMMON = "Nach sehr häufigen Wörtern wie „die“ oder „und“ wird nicht gesucht"


def browse_buttons(html: str) -> list[tuple[str, str]]:
    """The "Oder stöbern Sie im Portal:" buttons as (address, label)."""
    found = re.findall(r'<ul class="search-browse">(.*?)</ul>', main_of(html), re.S)
    assert len(found) == 1, found
    return re.findall(r'<a class="[^"]*" href="([^"]*)">([^<]*)</a>', found[0])


@pytest.mark.parametrize("query", ["", "xqzvwplk"])
def test_each_place_to_browse_is_offered_once_in_the_kinds_order(search, query):
    buttons = browse_buttons(search(query))

    # Forum posts and forums both lead to the forum index: "Foren" once.
    assert [label for _, label in buttons] == [
        "Aktuelles",
        "Dokumente",
        "Foren",
        "Veranstaltungen",
        "Ansprechpersonen",
        "Werkzeugkasten",
    ]
    routes = dict.fromkeys(kind.browse_route for kind in KINDS)
    assert [address for address, _ in buttons] == [reverse(r) for r in routes]


@pytest.mark.parametrize("query", ["die", "der und die", "Die, das!", "oder"])
def test_a_query_of_stop_words_only_says_they_are_too_common(search, query):
    html = search(query)

    assert TOO_COMMON in html
    assert NOT_A_WORD not in html
    assert len(browse_buttons(html)) == 6  # the hints follow


def test_the_stop_word_message_is_in_english_under_en(client):
    html = client.get("/en/suche/", {"q": "die"}).content.decode()

    assert "Very common words such as “die” or “und” are not searched for" in html


@pytest.mark.parametrize("query", ["---", "-Kassel", '-"Region"', "-die", "😀"])
def test_a_query_of_signs_or_exclusions_keeps_its_own_message(search, query):
    html = search(query)

    assert NOT_A_WORD in html
    assert TOO_COMMON not in html
