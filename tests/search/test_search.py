"""The search on PostgreSQL: German stemming, phrases, ranking, PDF text, who sees what."""

import dataclasses
import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from contacts.models import Organisation, Person
from core import rows
from documents.models import Document, Passage
from forums.models import POSTS_PER_PAGE, Post, Space, Topic
from search import engine
from tests import factories
from tests.statements import prepared

from .conftest import main_of, requires_postgres

pytestmark = [pytest.mark.django_db, requires_postgres]


def titles(html: str, *, forums: bool = False) -> list[str]:
    """The hits' titles in page order, without highlighting; without the forums
    themselves (the spaces and forums that migrations create match many words)
    unless asked for."""
    if not forums:
        html = re.sub(
            r'<section class="search-group" aria-labelledby="search-group-foren">'
            r".*?</section>",
            "",
            html,
            flags=re.DOTALL,
        )
    found = re.findall(
        r'<h3 class="search-hit__title"[^>]*><a href="[^"]*">(.*?)</a>', html
    )
    return [re.sub(r"</?mark>", "", title) for title in found]


def hit_links(html: str) -> list[str]:
    return re.findall(r'<h3 class="search-hit__title"[^>]*><a href="([^"]*)">', html)


# --- language -------------------------------------------------------------------


def test_stemming_finds_other_forms_of_a_word(search):
    factories.article(
        "Flächenbörse", body="Jede freie Gewerbefläche wird im Pool gemeldet."
    )

    html = search("Gewerbeflächen")

    assert titles(html) == ["Flächenbörse"]
    assert "<mark>Gewerbefläche</mark>" in html


def test_phrases_find_words_next_to_each_other_only(search):
    factories.article("Nebeneinander", body="Die Region der Mitte plant gemeinsam.")
    factories.article("Auseinander", body="Die Mitte der Region plant gemeinsam.")

    assert titles(search('"Region der Mitte"')) == ["Nebeneinander"]
    assert sorted(titles(search("Region Mitte"))) == ["Auseinander", "Nebeneinander"]


def test_a_phrase_finds_documents_forum_posts_and_persons_too(search):
    factories.document("Bericht", text="Im ländlichen Raum fehlen Busse am Abend")
    factories.forum_topic(title="Abendbusse", body="Busse im ländlichen Raum, bitte!")
    factories.contact_person("Stelle", function="Mobilität im ländlichen Raum")
    factories.article("Andersherum", body="Der Raum ist ländlich geprägt.")

    assert sorted(titles(search('"ländlichen Raum"'))) == [
        "Abendbusse",
        "Bericht",
        "Stelle",
    ]


def test_a_minus_phrase_leaves_out_only_what_contains_the_phrase(search):
    factories.article("Eins", body="Die Region der Mitte wächst.")
    factories.article("Zwei", body="Die Mitte der Region wächst.")

    assert titles(search('wächst -"Region der Mitte"')) == ["Zwei"]


def test_a_minus_word_leaves_out_what_contains_it(search):
    factories.article("Mobilität in Kassel", body="Busse und Bahnen.")
    factories.article("Mobilität in Höxter", body="Busse und Bahnen.")

    assert titles(search("Mobilität -Kassel")) == ["Mobilität in Höxter"]


def test_or_finds_either_word(search):
    factories.article("Tourismus", body="Wandern an der Weser.")
    factories.article("Energie", body="Windräder im Solling.")
    factories.article("Anderes", body="Nichts davon.")

    assert sorted(titles(search("Weser or Solling"))) == ["Energie", "Tourismus"]


def test_the_last_word_may_be_the_start_of_a_word(search):
    factories.article("Flächenpool", body="Ein Pool für Gewerbeflächen der Region.")

    assert titles(search("Gewerbefl")) == ["Flächenpool"]
    assert titles(search("Pool Gewerbefl")) == ["Flächenpool"]
    # Only the last word, which may still be being typed.
    assert titles(search("Gewerbefl Pool")) == []


def test_a_title_hit_ranks_above_a_newer_body_hit(search):
    factories.article(
        "Breitband für alle Dörfer",
        body="Ausbau geht voran.",
        published_at=timezone.now() - datetime.timedelta(days=300),
    )
    factories.article(
        "Neues aus dem Kreis",
        body="Auch über Breitband wurde gesprochen.",
        published_at=timezone.now() - datetime.timedelta(days=1),
    )

    assert titles(search("Breitband", typ="nachrichten")) == [
        "Breitband für alle Dörfer",
        "Neues aus dem Kreis",
    ]


def test_documents_are_found_by_the_text_inside_their_pdf(search):
    factories.document(
        "Protokoll der dritten Sitzung",
        text="Vereinbart wurde ein Pendlerbarometer für das Dreiländereck",
        pages=3,
    )

    html = search("Pendlerbarometer")

    assert titles(html) == ["Protokoll der dritten Sitzung"]
    assert "<mark>Pendlerbarometer</mark>" in html


def test_a_long_pdf_is_searched_to_its_end_in_passages(search):
    # 300,000 characters without a line break, then the word: the trigger cuts the
    # text into passages of about 2,000 characters, each small to rank and check.
    filler = " ".join(f"w{number:05d}" for number in range(50_000))
    item = factories.document("Sehr langer Bericht", text="kurz")
    Document.objects.filter(pk=item.pk).update(text=f"{filler} Schlusswortprüfung")

    assert Passage.objects.filter(document=item).count() > 100
    assert titles(search("Schlusswortprüfung")) == ["Sehr langer Bericht"]


def test_a_documents_passages_go_with_it():
    item = factories.document("Kurzer Bericht", text="Ein Satz", pages=2)
    assert Passage.objects.filter(document=item).exists()

    item.delete()

    assert not Passage.objects.filter(document_id=item.pk).exists()


# --- who sees what --------------------------------------------------------------


def test_drafts_scheduled_and_unpublished_items_are_not_found(search):
    factories.article("Veröffentlicht Zukunftsplan")
    factories.draft("Entwurf Zukunftsplan")
    factories.scheduled("Geplant Zukunftsplan")
    factories.document("Dokument Zukunftsplan")
    factories.document("Entwurfsdokument Zukunftsplan", status=Document.Status.DRAFT)
    factories.document(
        "Künftiges Dokument Zukunftsplan",
        published_on=timezone.localdate() + datetime.timedelta(days=5),
    )
    factories.contact_person("Zukunftsplan Ansprechstelle")
    factories.contact_person("Zukunftsplan Verborgen", published=False)

    html = search("Zukunftsplan")

    assert sorted(titles(html)) == [
        "Dokument Zukunftsplan",
        "Veröffentlicht Zukunftsplan",
        "Zukunftsplan Ansprechstelle",
    ]


def test_an_anonymous_readers_query_is_compiled_once_and_gets_each_searchs_time(
    search, monkeypatch
):
    """What anonymous readers may see is compiled once per shape of query; each
    search puts its own words and time in it: a scheduled article and a document
    dated tomorrow are found once their time has come, by the same compiled query."""
    import time_machine

    monkeypatch.setattr(engine, "_COMPILED", {})
    factories.scheduled("Geplanter Obstbaumschnitt", days=1)
    factories.document(
        "Obstbaumschnitt im Kreis Höxter",
        published_on=timezone.localdate() + datetime.timedelta(days=1),
    )
    factories.article("Streuobstwiesen am Grünen Band")

    assert titles(search("Obstbaumschnitt", nr="1")) == []
    assert titles(search("Streuobstwiesen", nr="2")) == [
        "Streuobstwiesen am Grünen Band"
    ]
    compiled = dict(engine._COMPILED)
    assert compiled and all(compiled.values())
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        found = titles(search("Obstbaumschnitt", nr="3"))
    assert sorted(found) == [
        "Geplanter Obstbaumschnitt",
        "Obstbaumschnitt im Kreis Höxter",
    ]
    assert compiled == engine._COMPILED


def test_a_kind_whose_rule_reads_the_clock_is_compiled_for_every_search(
    search, monkeypatch
):
    """A rule that takes its time from the clock instead of `now` would be kept with
    the moment it was compiled at: such a kind is compiled anew each time."""
    import time_machine

    from news.models import Article
    from search import views
    from search.kinds import NEWS

    monkeypatch.setattr(engine, "_COMPILED", {})
    news = dataclasses.replace(
        NEWS, visible=lambda user, now: Article.objects.published()
    )
    monkeypatch.setattr(views, "KINDS", [news])
    factories.scheduled("Geplanter Obstbaumschnitt", days=1)

    assert titles(search("Obstbaumschnitt", nr="1")) == []
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        assert titles(search("Obstbaumschnitt", nr="2")) == [
            "Geplanter Obstbaumschnitt"
        ]
    assert list(engine._COMPILED.values()) == [None]


def test_replaced_document_versions_are_not_found_only_the_current_one(search):
    old = factories.document("Regionalanalyse Pendlerströme", slug="analyse-2023")
    assert hit_links(search("Pendlerströme")) == ["/dokumente/analyse-2023/"]

    factories.document(
        "Regionalanalyse Pendlerströme", slug="analyse-2024", replaces=old
    )

    assert hit_links(search("Pendlerströme")) == ["/dokumente/analyse-2024/"]


def test_forums_and_spaces_are_found_by_name_and_description(search):
    html = search("ÖPNV")
    assert titles(html, forums=True) == ["Mobilität und ÖPNV"]
    assert 'href="/foren/mobilitaet-und-oepnv/"' in html
    # A space's name finds its forums.
    assert "Gewerbeflächen" in titles(search("Fachforen"), forums=True)
    assert titles(search("Gewerbeflächenpool", typ="foren"), forums=True) == [
        "Gewerbeflächen"
    ]


def test_events_are_found_by_title_description_and_venue_drafts_not(search, client):
    factories.event(
        "Nachbarschaftsforum Beverungen",
        description="Wir sprechen über **Radwege** an der Weser.",
        venue_name="Stadthalle Beverungen",
    )
    draft = factories.event("Radwege im Entwurf", slug="radwege", status="draft")

    html = search("Radweg", typ="veranstaltungen")
    assert titles(html) == ["Nachbarschaftsforum Beverungen"]
    assert "<mark>Radwege</mark>" in html
    assert titles(search("Stadthalle")) == ["Nachbarschaftsforum Beverungen"]
    # The editors who may preview a draft find it, as on the event's page.
    client.force_login(factories.editor())
    found = client.get("/suche/", {"q": "Radwege"}).content.decode()
    assert draft.get_absolute_url() in hit_links(found)


def test_closed_forums_are_searched_for_members_only(search, client):
    closed = factories.forum(closed=True)
    topic = factories.forum_topic(closed, title="Interne Standortsuche", body="Geheim.")
    member = factories.user()
    factories.forum_membership(forum=closed, user=member)
    outsider = factories.user()

    assert titles(search("Standortsuche")) == []
    client.force_login(outsider)
    assert titles(search("Standortsuche")) == []
    client.force_login(member)
    assert titles(search("Standortsuche")) == [topic.title]


def test_hidden_posts_and_hidden_topics_are_not_found(search, client):
    forum = factories.forum()
    topic = factories.forum_topic(forum, title="Radweg Diemeltal", body="Eröffnung.")
    hidden_reply = factories.forum_post(topic, body="Radwegbeleuchtung fehlt noch.")
    Post.objects.filter(pk=hidden_reply.pk).update(is_hidden=True)
    hidden_topic = factories.forum_topic(forum, title="Radweg Weser", body="Spam.")
    Topic.objects.filter(pk=hidden_topic.pk).update(is_hidden=True)

    assert titles(search("Radwegbeleuchtung")) == []
    assert titles(search("Radweg")) == ["Radweg Diemeltal"]
    # The forum's moderator sees both, as in the forum itself.
    client.force_login(factories.forum_moderator(forum))
    assert len(titles(search("Radweg"))) == 3


# --- the index follows every change ---------------------------------------------


def test_a_renamed_topic_is_found_by_its_new_title_in_every_post(search):
    topic = factories.forum_topic(title="Alter Titel", body="Eröffnung.", replies=2)
    topic.title = "Pendlerbusse im Kreis Höxter"
    topic.save()

    html = search("Pendlerbusse", typ="forenbeitraege")

    assert len(titles(html)) == 3
    # The opening post carries the title; it ranks first.
    assert hit_links(html)[0].endswith(f"#beitrag-{topic.posts.first().pk}")


def test_when_the_first_post_goes_the_next_one_opens_the_topic():
    topic = factories.forum_topic(title="Nahwärme im Dorf", body="Erster.", replies=1)
    first, second = topic.posts.order_by("pk")
    assert Post.objects.filter(pk=second.pk, title_vector__isnull=True).exists()

    first.delete()

    assert Post.objects.filter(pk=second.pk, title_vector__isnull=False).exists()


def test_a_forum_is_found_by_its_spaces_new_words_and_a_card_by_its_sections(search):
    """The forums' vectors include their space's name and description, a card's
    what its state sections say: a change there renews them."""
    space = Space.objects.get(forums__name="Gewerbeflächen")
    space.description = "Hier treffen sich die Kämmereien."
    space.save()
    assert "Gewerbeflächen" in titles(search("Kämmereien"), forums=True)
    card = factories.argument_card("Flächentausch")
    assert titles(search("Wasserbehörde", typ="werkzeugkasten")) == []
    section = card.sections.first()
    section.authority = "Obere Wasserbehörde"
    section.save()
    assert titles(search("Wasserbehörde", typ="werkzeugkasten")) == ["Flächentausch"]
    section.delete()
    assert titles(search("Wasserbehörde", typ="werkzeugkasten")) == []


def test_contact_persons_are_found_by_topic_organisation_and_function(search):
    person = factories.contact_person(
        "Petra Beispiel",
        function="Leitung Wirtschaftsförderung",
        organisation=factories.organisation("Landkreis Holzminden"),
    )
    person.topics.add(factories.topic("Breitbandausbau"))

    assert titles(search("Breitbandausbau")) == ["Petra Beispiel"]
    assert titles(search("Holzminden Wirtschaftsförderung")) == ["Petra Beispiel"]

    Organisation.objects.filter(pk=person.organisation_id).update(name="Stadt Uslar")
    assert titles(search("Holzminden")) == []
    assert titles(search("Uslar")) == ["Petra Beispiel"]
    person.topics.clear()
    assert titles(search("Breitbandausbau")) == []
    assert Person.objects.get(pk=person.pk).search_vector


# --- the page -------------------------------------------------------------------


def test_a_forum_hit_links_to_its_page_and_anchor_in_the_topic(search):
    topic = factories.forum_topic(title="Lange Diskussion", replies=POSTS_PER_PAGE + 3)
    late = factories.forum_post(topic, body="Späte Wortmeldung zum Zweckverband.")

    links = hit_links(search("Zweckverband"))

    assert links == [f"{topic.get_absolute_url()}?seite=2#beitrag-{late.pk}"]


def test_type_and_state_filters_narrow_the_hits(search):
    factories.article("Wasserstoff Hessen", state_he=True)
    factories.article("Wasserstoff Niedersachsen", state_ni=True)
    factories.document("Wasserstoff-Studie", state_nw=True)

    assert sorted(titles(search("Wasserstoff"))) == [
        "Wasserstoff Hessen",
        "Wasserstoff Niedersachsen",
        "Wasserstoff-Studie",
    ]
    assert sorted(titles(search("Wasserstoff", typ="nachrichten"))) == [
        "Wasserstoff Hessen",
        "Wasserstoff Niedersachsen",
    ]
    assert titles(search("Wasserstoff", land="NI")) == ["Wasserstoff Niedersachsen"]
    assert titles(search("Wasserstoff", typ="dokumente", land="HE")) == []


def test_the_overview_shows_five_per_type_and_links_to_all(search):
    for number in range(8):
        factories.article(f"Windkraft {number}")

    html = search("Windkraft")

    assert len(titles(html)) == 5
    assert "Alle 8 Treffer anzeigen" in html
    assert "?q=Windkraft&amp;typ=nachrichten" in html
    assert len(titles(search("Windkraft", typ="nachrichten"))) == 8


def test_paging_within_one_type(search):
    for number in range(25):
        factories.article(f"Solarpark {number}")

    first = titles(search("Solarpark", typ="nachrichten"))
    second = titles(search("Solarpark", typ="nachrichten", seite="2"))
    beyond = titles(search("Solarpark", typ="nachrichten", seite="99"))

    assert len(first) == 20
    assert len(second) == 5
    assert not set(first) & set(second)
    assert beyond == second


def test_many_hits_are_counted_up_to_a_limit_and_the_newest_ranked(search, monkeypatch):
    monkeypatch.setattr(engine, "RECENT_LIMIT", 4)
    monkeypatch.setattr(engine, "COUNT_LIMIT", 6)
    monkeypatch.setattr(engine, "OVERVIEW_RECENT_LIMIT", 3)
    for number in range(9):
        factories.article(f"Nachricht {number}", body="Es geht um die Kreisumlage.")

    html = search("Kreisumlage", typ="nachrichten")

    assert "Mehr als 6 Treffer" in html
    assert "Gezeigt werden die neuesten" in html
    # The newest RECENT_LIMIT + 1, ranked.
    assert len(titles(html)) == 5
    # The overview ranks and counts a smaller set.
    overview = search("Kreisumlage")
    assert "Alle Treffer anzeigen (mehr als 3)" in overview


def test_snippets_escape_the_content_and_mark_only_the_words(search):
    factories.forum_topic(
        title="Sicherheit <b>fett</b>",
        body="Beispiel: `<script>alert(1)</script>` und <img src=x onerror=alert(2)>",
    )

    html = main_of(search("script"))

    assert "<script>alert" not in html
    assert "onerror=alert" not in html.replace("onerror=alert(2)&gt;", "")
    assert "&lt;<mark>script</mark>&gt;alert(1)" in html
    assert "Sicherheit &lt;b&gt;fett&lt;/b&gt;" in html
    tags = set(re.findall(r"<(/?[a-z0-9]+)", html.split('class="search-results"')[1]))
    assert tags <= {"li", "/li", "article", "/article", "h3", "/h3", "a", "/a"} | {
        "p",
        "/p",
        "mark",
        "/mark",
        "time",
        "/time",
        "ul",
        "/ul",
        "abbr",
        "/abbr",
        "section",
        "/section",
        "ol",
        "/ol",
        "h2",
        "/h2",
        "span",
        "/span",
    }


def test_a_search_that_runs_too_long_is_cancelled_with_a_message(search, monkeypatch):
    factories.article("Region der Mitte")
    prepare = engine.prepare

    def slow_prepare(text):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(0.5)")
        return prepare(text)

    monkeypatch.setattr(engine, "STATEMENT_TIMEOUT_MS", 50)
    monkeypatch.setattr(engine, "prepare", slow_prepare)

    html = search("Region")

    assert "Die Suche hat zu lange gedauert" in html
    assert titles(html) == []


@pytest.mark.django_db(transaction=True)
def test_the_search_alone_is_planned_for_data_in_memory(search, monkeypatch):
    """Inside the search's transaction an index lookup costs the planner little more
    than reading in sequence (a word's 100 candidates are fetched by key instead of
    reading a whole table); after it, the server's setting holds again. (A real
    transaction, as in production: inside a test's own, the setting would last to
    the test's end.)"""
    factories.article("Region der Mitte")
    prepare, seen = engine.prepare, []

    def watched_prepare(text):
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('random_page_cost')")
            seen.append(cursor.fetchone()[0])
        return prepare(text)

    monkeypatch.setattr(engine, "prepare", watched_prepare)

    assert titles(search("Region")) == ["Region der Mitte"]

    assert seen == [engine.RANDOM_PAGE_COST]
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('random_page_cost')")
        assert cursor.fetchone()[0] == "4"


def test_results_are_stored_by_no_cache_and_not_indexed(client):
    factories.article("Region der Mitte")
    client.force_login(factories.user())

    response = client.get("/suche/", {"q": "Region"})

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_anonymous_results_are_cached_until_content_changes(
    client, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    factories.article("Region der Mitte im Aufbruch")
    assert titles(client.get("/suche/", {"q": "Region"}).content.decode()) == [
        "Region der Mitte im Aufbruch"
    ]
    with django_assert_num_queries(0):
        client.get("/suche/", {"q": "Region"})
    factories.article("Region der Mitte vernetzt")
    html = client.get("/suche/", {"q": "Region"}).content.decode()
    assert "Region der Mitte vernetzt" in titles(html)
    cache.clear()


def test_the_overview_runs_a_bounded_number_of_queries(
    client, django_assert_num_queries
):
    forum = factories.forum()
    for number in range(30):
        factories.article(f"Grenzpendler {number}", state_he=number % 2 == 0)
        factories.forum_topic(forum, title=f"Grenzpendler Thema {number}", replies=1)
    for number in range(12):
        factories.document(f"Grenzpendler Bericht {number}")
        person = factories.contact_person(f"Grenzpendler Stelle {number}")
        person.topics.add(factories.topic("Pendeln"), factories.topic("Mobilität"))
        factories.event(f"Grenzpendler Treffen {number}")
        factories.argument_card(f"Grenzpendler Argumentationshilfe {number}")
    client.get("/suche/", {"q": "Grenzpendler"})  # the footer's operator is cached

    # Each on an address of its own, which no stored page answers: one query for
    # the types that match at all (here all but the forums), one statement per such
    # type (hits ranked, counted and read, a person's topics too), one for the
    # statement timeout and two for the savepoint around them (a transaction outside
    # tests). No municipality has the word: "Wer ist zuständig?" asks nothing.
    with django_assert_num_queries(10):
        response = client.get("/suche/", {"q": "Grenzpendler", "nr": "1"})
    assert response.status_code == 200
    assert len(titles(response.content.decode())) == 6 * 5
    # A word of one article: the other types are not searched at all.
    factories.article("Streuobstwiesen am Grünen Band")
    client.get("/")  # the page cache learns when scheduled content is due
    with django_assert_num_queries(5):
        response = client.get("/suche/", {"q": "Streuobstwiesen", "nr": "2"})
    assert titles(response.content.decode()) == ["Streuobstwiesen am Grünen Band"]
    with django_assert_num_queries(4):
        response = client.get(
            "/suche/", {"q": "Grenzpendler", "typ": "forenbeitraege", "nr": "3"}
        )
    assert len(titles(response.content.decode())) == 20


def test_the_planner_knows_rare_words_of_every_stored_vector():
    """Every table whose stored vectors the search reads keeps detailed statistics of
    them: with PostgreSQL's default the planner takes a word in 100 of 100,000 posts
    for a common one and reads the whole table (`make bench`: 577 → 40 ms)."""
    from core.fulltext import STATISTICS_TARGET
    from search.kinds import KINDS

    tables = set()
    for kind in KINDS:
        tables.add(kind.model._meta.db_table)
        if kind.match_through:
            tables.add(kind.match_through[0])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attrelid::regclass::text, attname, attstattarget "
            "FROM pg_attribute WHERE attrelid = ANY(%s::regclass[]) "
            "AND atttypid = 'tsvector'::regtype AND NOT attisdropped",
            [sorted(tables)],
        )
        targets = {(table, column): value for table, column, value in cursor}
    assert {table for table, _column in targets} == tables
    assert targets == dict.fromkeys(targets, STATISTICS_TARGET)


def test_the_form_shows_what_was_searched_for_with_its_filters(search):
    html = search('Gewerbe "Region der <Mitte>"', typ="dokumente", land="NI")
    form = html[html.index('<form class="filters search-form"') :]
    form = form[: form.index("</form>")]
    assert 'value="Gewerbe &quot;Region der &lt;Mitte&gt;&quot;"' in form
    assert re.findall(r"<option value=\"(\w*)\" selected>", form) == ["dokumente", "NI"]
    for name in ("q", "typ", "land"):
        assert f'<label for="id_{name}">' in form
        assert f'name="{name}" ' in form and f'id="id_{name}"' in form
    assert 'aria-describedby="id_q_helptext"' in form
    assert 'id="id_q_helptext"' in form
    # Nothing chosen: every area and every state.
    form = search("Gewerbe")
    assert " selected>" not in form[form.index('<form class="filters') :]


def test_a_word_that_no_row_has_is_known_without_reading_the_tables():
    """A typo matches nothing: the check of which kinds match asks the index rather
    than reading a table to its end in search of a first match (`make bench`:
    60–80 ms for 100,000 posts). Fails with a plain EXISTS (3,001 posts read)."""
    from search.kinds import POSTS
    from search.query import parse

    # Posts of many different words, with the statistics of a large forum: the
    # planner knows only the commonest words and takes any other for one that a
    # post in a few hundred has.
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE forums_post ALTER search_vector SET STATISTICS 10")
    topic = factories.forum_topic(factories.forum(), title="Streuobst")
    Post.objects.bulk_create(
        Post(topic=topic, author=topic.author, body_html=f"<p>Beitrag {words}</p>")
        for words in (
            " ".join(f"begriff{number * factor % 997}" for factor in (1, 7, 13, 31))
            for number in range(3000)
        )
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE forums_post")
    # Planned for its word, and (a word being one term) with the one plan that the
    # search's transaction makes for every word (`engine.matching`).
    for cursor_of in (connection.cursor, rows.cursor):
        with engine.search_transaction(), cursor_of() as cursor:
            for word, matched in (("Xylofonbauer", False), ("Beitrag", True)):
                prepared = engine.prepare(parse(word))
                sql, params = engine.matching_sql([POSTS], prepared)
                cursor.execute(sql, params)
                assert bool(cursor.fetchall()) is matched
                cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
                plan = cursor.fetchone()[0][0]["Plan"]
                assert _rows_read(plan, "forums_post") <= 100, (word, plan)


def _prepared_checks() -> list[tuple[str, int, int]]:
    """`matching`'s statements prepared on this connection."""
    return prepared(f"ORDER BY id DESC LIMIT {engine.PROBE_ROWS}) t WHERE")


def test_the_check_of_one_term_runs_one_plan_for_every_word(search):
    """Which kinds match one word is checked with one plan for all words, made once
    (`engine.matching`); several words are planned for themselves each time."""
    factories.article("Streuobstwiesen im Kreis Höxter")
    checked = _prepared_checks()
    for word in ("Kreis", "Höxter", "Streuobstwiesen", "Landkreis"):
        assert titles(search(word)) == (
            [] if word == "Landkreis" else ["Streuobstwiesen im Kreis Höxter"]
        )
    # Prepared at its third run (prepare_threshold) and then run with its one plan.
    [(statement, generic, custom)] = [c for c in _prepared_checks() if c not in checked]
    assert "to_tsquery" in statement and (generic, custom) == (2, 0)

    checked = _prepared_checks()
    for words in ("Kreis Höxter", "Höxter Kreis", "Kreis Streuobstwiesen"):
        assert titles(search(words)) == ["Streuobstwiesen im Kreis Höxter"]
    assert _prepared_checks() == checked


def _rows_read(plan: dict, table: str) -> int:
    """The rows of `table` that the plan's scans returned or filtered out."""
    read = 0
    if plan.get("Relation Name") == table:
        loops = plan.get("Actual Loops", 1)
        read += (plan["Actual Rows"] + plan.get("Rows Removed by Filter", 0)) * loops
    return read + sum(_rows_read(child, table) for child in plan.get("Plans", ()))


def test_the_newest_title_hits_of_posts_are_read_from_the_opening_posts():
    """Only a topic's opening post has a title. The newest posts whose title holds a
    common word are read through the index of opening posts, not by reading the
    replies newest first until enough titles turn up. Fails without the index of
    forums/0008 (the 20,000 replies read)."""
    from django.contrib.auth.models import AnonymousUser

    from search.kinds import POSTS
    from search.query import parse

    # 1,000 posts open a topic on the region; the 20,000 newest reply.
    forum = factories.forum()
    author = factories.forum_author(forum)
    topics = Topic.objects.bulk_create(
        Topic(forum=forum, author=author, title=f"Region im Wandel {n}", slug=f"r{n}")
        for n in range(1000)
    )
    for replies in (False, True):
        Post.objects.bulk_create(
            Post(topic=topic, author=author, body_html=f"<p>Antwort {number}</p>")
            for number in range(20000 if replies else 1000)
            for topic in [topics[number % 1000]]
        )
    with engine.search_transaction(), connection.cursor() as cursor:
        cursor.execute("ANALYZE forums_post, forums_topic, forums_forum")
        ranking = engine._FullText(
            POSTS,
            engine.prepare(parse("Region")),
            user=AnonymousUser(),
            state="",
            now=timezone.now(),
            recent_limit=engine.OVERVIEW_RECENT_LIMIT,
            title_limit=engine.OVERVIEW_TITLE_LIMIT,
        )
        sql = f"SELECT count(*) FROM ({ranking.candidates_sql}) candidates"  # noqa: S608
        cursor.execute(
            f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", ranking.candidates_params
        )
        plan = cursor.fetchone()[0][0]["Plan"]
    assert _rows_read(plan, "forums_post") <= 300, plan
