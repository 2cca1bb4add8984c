"""The state badges that every list and page shows (core.states.badges)."""

from django.template import Context, Template
from django.utils import translation

from core.states import State, badges


def test_badges_name_each_state_or_the_whole_region_in_the_readers_language():
    with translation.override("de"):
        german = badges([State.HE, State.NI])
        whole = badges(list(State))
    with translation.override("en"):
        english = badges([State.HE, State.NI])
    assert german == (
        '<ul class="states" aria-label="Bundesländer">'
        '<li class="badge badge--state" title="Hessen"><abbr title="Hessen">HE</abbr></li>'
        '<li class="badge badge--state" title="Niedersachsen">'
        '<abbr title="Niedersachsen">NI</abbr></li></ul>'
    )
    assert 'aria-label="States"' in english and 'title="Hesse"' in english
    assert '<li class="badge badge--state">länderübergreifend</li>' in whole
    assert badges([]) == ""


def test_the_template_tag_shows_an_items_badges():
    item = type("Item", (), {"states": [State.NW]})()
    with translation.override("de"):
        html = Template("{% load portal %}{% state_badges item %}").render(
            Context({"item": item})
        )
    assert html == str(badges([State.NW])) and "Nordrhein-Westfalen" in html
