"""The forum index in Chromium: even cards in whole rows, German words hyphenated."""

import pytest

from forums.models import Forum, Space
from tests import factories
from tests.browser import DESKTOP, NARROW

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
