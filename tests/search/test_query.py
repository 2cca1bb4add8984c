"""Reading what people type: cleaning, cutting, the last word's prefix, highlighting."""

from django.utils.html import escape

from search.query import MAX_LENGTH, parse, stem
from search.snippets import Highlighter, plain_text


def test_control_and_invisible_characters_are_removed_and_spaces_collapsed():
    text = parse("Mobilität\x00\u200b im\t\n Kreis\u202e  \x07Höxter")

    assert text.text == "Mobilität im Kreis Höxter"
    assert not text.truncated


def test_an_over_long_query_is_cut_and_says_so():
    text = parse("Gewerbefläche " * 1000)

    assert len(text.text) <= MAX_LENGTH
    assert text.truncated


def test_the_last_plain_word_is_searched_as_a_prefix():
    terms = parse("Region Gewerbefl").terms

    assert [(term.text, term.prefix) for term in terms] == [
        ("Region", False),
        ("Gewerbefl", True),
    ]


def test_no_prefix_for_phrases_exclusions_alternatives_short_or_odd_words():
    for query in (
        '"Region der Mitte"',
        "Mobilität -Kassel",
        "Kassel or Göttingen",
        "Region ve",
        "Nordrhein-Westfalen",
        "Kassel,",
        '"unclosed quote',
    ):
        assert not any(term.prefix for term in parse(query).terms), query


def test_phrases_exclusions_and_alternatives_are_read_like_websearch():
    terms = parse('"Region der Mitte" -Kassel Hessen or Niedersachsen').terms

    assert [(t.text, t.phrase, t.excluded, t.alternative) for t in terms] == [
        ("Region der Mitte", True, False, False),
        ("Kassel", False, True, False),
        ("Hessen", False, False, False),
        ("Niedersachsen", False, False, True),
    ]


def test_german_oder_joins_alternatives_as_or_does():
    for joiner in ("oder", "ODER", "or"):
        terms = parse(f"Hessen {joiner} Niedersachsen").terms
        assert [(t.text, t.alternative) for t in terms] == [
            ("Hessen", False),
            ("Niedersachsen", True),
        ], joiner
    # Not between two terms: a word ("oder" a stop word, left out like "der").
    assert [t.text for t in parse("oder Hessen").terms] == ["Hessen"]
    assert [t.text for t in parse("or Hessen").terms] == ["or", "Hessen"]


def test_stop_words_outside_phrases_are_not_searched_for():
    assert [t.text for t in parse("Region der Mitte").terms] == ["Region", "Mitte"]
    assert [t.text for t in parse('"Region der Mitte"').terms] == ["Region der Mitte"]
    assert not parse("der die das").has_positive_terms


def test_the_search_tips_say_oder_in_german(client, db):
    html = client.get("/suche/").content.decode()

    assert "„oder“ (auch „or“)" in html
    assert "Hessen oder Niedersachsen" in html


def test_queries_without_a_word_to_find_have_no_positive_terms():
    for query in ("", "---", ":* & | ! ( )", '""', "-Kassel", "😀 🚜", '-"Region"'):
        assert not parse(query).has_positive_terms, query


def test_stems_drop_german_endings_and_umlauts():
    assert stem("Gewerbeflächen") == "gewerbeflach"
    assert stem("Gewerbefläche") == "gewerbeflach"
    assert stem("Göttingen") == "gotting"
    assert stem("Straße") == "strass"


def test_highlighting_marks_other_forms_of_the_word():
    marked = Highlighter(parse("Gewerbeflächen").highlight_stems).mark(
        "Die Gewerbefläche und die GEWERBEFLÄCHEN; nicht aber Mischgewerbe."
    )

    assert marked == (
        "Die <mark>Gewerbefläche</mark> und die <mark>GEWERBEFLÄCHEN</mark>; "
        "nicht aber Mischgewerbe."
    )


def test_highlighting_escapes_first_and_never_marks_inside_entities():
    highlighter = Highlighter(parse("script lt amp quot x27").highlight_stems)

    marked = highlighter.mark("<script>alert('x')</script> & \"quot\"")

    assert "<script" not in marked
    # "script" twice and the word "quot"; nothing inside &lt; &amp; &quot; &#x27;.
    assert marked.count("<mark>") == 3
    assert "&lt;<mark>script</mark>&gt;" in marked
    assert "&amp;" in marked and "&<mark>" not in marked
    assert "&#x27;" in marked
    assert marked.replace("<mark>", "").replace("</mark>", "") == escape(
        "<script>alert('x')</script> & \"quot\""
    )


def test_snippet_shows_the_passage_with_the_words_and_marks_them():
    text = (
        "Vorwort. " * 80 + "Hier geht es um Gewerbeflächen in Höxter. " + "Ende. " * 80
    )
    snippet = Highlighter(parse("Gewerbeflächen Höxter").highlight_stems).snippet(text)

    assert snippet.startswith("… ")
    assert snippet.endswith(" …")
    assert "<mark>Gewerbeflächen</mark> in <mark>Höxter</mark>" in snippet
    assert len(snippet) < 400


def test_snippet_prefers_the_passage_with_the_most_different_words():
    text = (
        "Höxter liegt an der Weser. "
        + "Füllwort. " * 60
        + "Gewerbeflächen in Höxter sind knapp, Höxter plant. "
        + "Ende. " * 60
    )
    snippet = Highlighter(parse("Gewerbeflächen Höxter").highlight_stems).snippet(text)

    assert "<mark>Gewerbeflächen</mark> in <mark>Höxter</mark> sind" in snippet
    assert "Weser" not in snippet


def test_snippet_looks_for_words_that_start_with_the_stem_only():
    """Inside a word a stem is no hit ("Subregion", "Bahnregion_"): the snippet
    shows the passage where a word starts with it."""
    text = (
        "Subregion, Subregion, Bahnregion_alt und Subregionen wachsen. "
        + "Füllwort. " * 60
        + "Die Region der Mitte. "
        + "Ende. " * 60
    )
    snippet = Highlighter(parse("Region").highlight_stems).snippet(text)

    assert snippet.startswith("… ") and "Subregion" not in snippet
    assert "Die <mark>Region</mark> der Mitte." in snippet


def test_snippet_finds_the_words_in_any_case_and_where_lower_case_is_longer():
    """The words are looked for in the text in lower case; where that is longer
    than the text ("İ" is two characters in lower case), the places found would
    not be the text's, and the passage would miss the words."""
    highlighter = Highlighter(parse("Region").highlight_stems)
    assert "<mark>REGION</mark>" in highlighter.snippet("Die REGION der Mitte.")

    text = "İ" * 100 + " " + "Wort " * 60 + "Die Region der Mitte" + " ." * 300
    snippet = highlighter.snippet(text)

    assert "Die <mark>Region</mark> der Mitte" in snippet


def test_plain_text_of_html_keeps_words_apart_and_unescapes_once():
    assert plain_text("<p>Eins</p><p>Zwei &amp; <code>&lt;b&gt;</code></p>") == (
        "Eins Zwei & <b>"
    )


def test_plain_text_takes_out_whole_tags_with_their_attributes():
    from core import markdown

    html = markdown.render('Ein [Link](https://example.org/?a=1&b=2 "a > b") im *Text*')
    assert plain_text(html) == "Ein Link im Text"
    assert plain_text("<p><a title='x > y' href=\"/\">Eins</a><br>Zwei</p>") == (
        "Eins Zwei"
    )


def test_a_query_of_stop_words_only_is_told_apart_from_one_of_signs():
    for query in ("die", "der und die", "Die, das!", "oder", "die -Kassel"):
        text = parse(query)
        assert not text.has_positive_terms, query
        assert text.only_stop_words, query
    for query in ("", "---", "-Kassel", "-die", '-"der"', "Region der Mitte", '"die"'):
        assert not parse(query).only_stop_words, query
