"""The search page for the quality gates: the empty form, hits, and no hits."""

from tests import factories
from tests.registry import PageType, UrlRule, everyone


def _results():
    factories.article(
        "Gewerbeflächen über Landesgrenzen",
        body="Ein gemeinsamer Pool für Gewerbeflächen in der Region der Mitte.",
    )
    factories.document("Argumentationshilfe Gewerbeflächen")
    factories.forum_topic(title="Gewerbeflächen im Dreiländereck", replies=2)
    person = factories.contact_person("Wirtschaftsförderung Höxter")
    person.topics.add(factories.topic("Gewerbeflächen"))
    return "/suche/?q=Gewerbeflächen"


PAGE_TYPES = [
    PageType("search form", lambda: "/suche/"),
    PageType("search results", _results),
    PageType("search without results", lambda: "/suche/?q=Unauffindbares+Wort"),
]

URL_RULES = [
    UrlRule("search:results", lambda: {}, everyone(200)),
]
