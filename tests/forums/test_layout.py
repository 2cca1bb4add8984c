"""Forum pages in Chromium: the index's even cards in whole rows, German words
hyphenated; on a topic's pages, posts and boxes laid out and spaced as intended."""

import pytest
from django.urls import reverse

from forums.models import Forum, Space
from tests import factories
from tests.browser import DESKTOP, NARROW, sign_in_with_client

CARDS = """(selector) => Array.from(document.querySelectorAll(selector)).map(card => {
  const box = card.getBoundingClientRect();
  return {top: Math.round(box.top), height: Math.round(box.height),
          width: Math.round(box.width), left: Math.round(box.left)};
})"""


def rows(cards: list[dict]) -> list[list[dict]]:
    found = {}
    for card in cards:
        found.setdefault(card["top"], []).append(card)
    return [found[top] for top in sorted(found)]


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5, 7])
def test_a_space_fills_whole_rows_of_even_cards_at_1280_px(open_browser_page, count):
    Forum.objects.all().delete()
    Space.objects.all().delete()
    for number in range(count):
        factories.forum(
            space_slug="fachforen",
            name=f"Forum {number}",
            # Descriptions of very different lengths: the cards stay even.
            description="Ein Forum. " * (1 + 12 * (number % 2)),
        )
    page = open_browser_page(viewport=DESKTOP)
    page.goto("/foren/")
    cards = page.evaluate(CARDS, ".forum-card")
    assert len(cards) == count
    assert len({card["height"] for card in cards}) == 1, cards
    [grid] = page.evaluate(CARDS, ".forum-list")
    for line in rows(cards):
        # Every row reaches from the left edge to the right edge: no empty places.
        left = min(card["left"] for card in line)
        right = max(card["left"] + card["width"] for card in line)
        assert left == grid["left"], line
        assert abs(right - (grid["left"] + grid["width"])) <= 1, line
        if count > 1:
            assert len(line) > 1, f"a card alone in a row: {line}"


def test_the_spaces_headings_break_only_with_a_hyphen_on_a_phone(open_browser_page):
    page = open_browser_page(viewport=NARROW)
    page.goto("/foren/")
    words = page.evaluate(
        """() => Array.from(document.querySelectorAll(
            '.forum-space > h2, .forum-card__title a')).map(el => {
          const range = document.createRange();
          range.selectNodeContents(el);
          const lines = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
          return {text: el.textContent.trim(), lines: lines.size,
                  hyphens: getComputedStyle(el.closest('h2, h3')).hyphens,
                  overflow: el.scrollWidth > el.clientWidth + 1};
        })"""
    )
    names = {word["text"] for word in words}
    assert {"Nachbarschaftsforum", "Unternehmensforum"} <= names
    for word in words:
        assert word["hyphens"] == "auto", word
        if " " not in word["text"] and word["lines"] > 1:
            # A single long word may only wrap where German hyphenation allows.
            pytest.fail(f"{word['text']!r} is cut over {word['lines']} lines")


def test_the_posts_beside_the_reply_form_show_their_date_beside_the_author(
    open_browser_page, live_server
):
    author = factories.user(
        display_name="Martin Albers",
        function="Leiter Stadtentwicklung",
        organisation="Stadt Weserhöhe",
        state="NW",
        show_function=True,
        show_organisation=True,
        show_state=True,
    )
    topic = factories.forum_topic(author=author)
    factories.forum_post(topic, author=author, body="Bei uns hakt es bei den Daten.")
    page = open_browser_page(viewport=DESKTOP)
    sign_in_with_client(page, live_server, factories.user())
    page.goto(reverse("forums:topic-reply", kwargs=topic.url_kwargs()))
    cards = page.evaluate(
        """() => Array.from(document.querySelectorAll('.post-list--context .post'))
          .map(card => {
            const box = selector => card.querySelector(selector).getBoundingClientRect();
            const lines = Array.from(card.querySelectorAll('p')).flatMap(el =>
              el.innerText.split('\\n').map(line => line.trim()));
            return {details_bottom: Math.round(box('.byline__details').bottom),
                    time_top: Math.round(box('time').top), lines: lines};
          })"""
    )
    assert len(cards) == 2
    for card in cards:
        # The date stands beside the author's lines, not below them; no line of the
        # card starts with a separator that joined it to the line before.
        assert card["time_top"] < card["details_bottom"], card
        assert not any(line.startswith("·") for line in card["lines"]), card


def test_the_topics_argument_cards_box_stands_clear_of_its_first_post(
    open_browser_page,
):
    topic = factories.forum_topic()
    factories.argument_card("Versorgung an der Landesgrenze", forum_topics=[topic])
    page = open_browser_page(viewport=DESKTOP)
    page.goto(topic.get_absolute_url())
    box = page.evaluate(
        """() => {
          const box = document.querySelector('.topic-cards');
          const edge = el => el.getBoundingClientRect();
          const padding = parseFloat(getComputedStyle(box).paddingTop);
          return {heading_inset: edge(box.querySelector('h2')).top - edge(box).top,
                  padding: padding,
                  gap_above: edge(box).top - edge(box.previousElementSibling).bottom,
                  gap_below: edge(box.nextElementSibling).top - edge(box).bottom};
        }"""
    )
    # The heading starts at the box's padding, as in every box; the box keeps the
    # same distance to the actions above and to the first post below.
    assert box["heading_inset"] <= box["padding"] + 1, box
    assert box["gap_below"] > 0, box
    assert abs(box["gap_below"] - box["gap_above"]) <= 1, box
