"""Any input gives a page, never a server error: on PostgreSQL (the query built from
the terms, the raw prefix query, the phrases' word pairs) and on SQLite (the simpler
match) alike."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


HOSTILE = [
    "",
    " ",
    "x" * 10_000,
    "Gewerbe " * 2_000,
    '"',
    '"Region der',
    '""""',
    "---",
    "-",
    "or or or",
    ":* & | ! ( ) <-> <2>",
    "'; DROP TABLE news_article; --",
    "1 OR 1=1",
    "%' OR '1'='1",
    "\\x00\\",
    "a\x00b\x01c\x7f",
    "\u202eRegion\u200b\ufeff",
    "😀🚜 Region 🇩🇪",
    "Ｒｅｇｉｏｎ",
    "\ud7ff\ue000",
    "ä" * 300,
    "Region:*",
    "Region:A",
    "!Region",
    "(Region",
    "Region & Mitte | Kassel",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_input_gives_a_page_never_an_error(client, query):
    factories.article("Region der Mitte", body="Gewerbeflächen in der Region.")

    response = client.get("/suche/", {"q": query, "seite": "x", "typ": "<b>"})

    assert response.status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"seite": "99999999999999999999999"},
        {"seite": "-3"},
        {"typ": "forenbeitraege", "seite": "1e9"},
        {"land": "XX"},
        {"land": "HE\x00"},
    ],
)
def test_odd_paging_and_filters_give_a_page(client, params):
    factories.article("Region der Mitte")

    response = client.get("/suche/", {"q": "Region", **params})

    assert response.status_code == 200
