"""German at the plain addresses, English under /en/: the language comes from the
address only, the header links the same page in the other language, no cookie."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    factories.home_content()
    factories.page("impressum", title="Impressum")


def test_german_stays_at_the_plain_addresses(client, site):
    assert reverse("news:article-list") == "/aktuelles/"
    # The browser's wish for English does not change the plain address's language.
    response = client.get("/aktuelles/", HTTP_ACCEPT_LANGUAGE="en")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="de">' in html
    assert "Zum Inhalt springen" in html
    assert 'href="/en/aktuelles/" hreflang="en" lang="en">English</a>' in html
    assert "/en/" not in html.split('hreflang="en" lang="en">English</a>')[1]


def test_english_interface_under_en(client, site):
    with translation.override("en"):
        assert reverse("news:article-list") == "/en/aktuelles/"

    html = client.get("/en/aktuelles/").content.decode()

    assert '<html lang="en">' in html
    assert "Skip to content" in html
    assert "Zum Inhalt springen" not in html
    assert 'href="/aktuelles/" hreflang="de" lang="de">Deutsch</a>' in html
    assert 'href="/en/dokumente/"' in html
    assert 'action="/en/suche/"' in html


def test_english_pages_mark_german_content_and_say_so(client, site):
    url = factories.article(
        "Projektstart", body="Ein Text auf Deutsch."
    ).get_absolute_url()

    html = client.get(f"/en{url}").content.decode()

    assert 'lang="de">Projektstart</h1>' in html
    assert '<div class="prose" lang="de"><p>Ein Text auf Deutsch.</p>' in html
    assert "its content is written in German" in html
    german = client.get(url).content.decode()
    assert "content-language-note" not in german
    assert 'lang="de">Projektstart' not in german


def test_english_toolbox_pages_mark_the_cards_german_text(client, site):
    card = factories.argument_card(
        "Gemeinsame Gewerbegebiete",
        question="Dürfen wir über die Landesgrenze planen?",
        sections=[{"state": "HE", "basis": "Landesentwicklungsplan Hessen."}],
    )
    # Addresses first: under /en/ the active language makes them English ones.
    url, list_url = card.get_absolute_url(), reverse("toolbox:card-list")

    detail = client.get("/en" + url).content.decode()
    assert '<h1 id="card-title" lang="de">Gemeinsame Gewerbegebiete</h1>' in detail
    assert '<p class="lead" lang="de">Dürfen wir über die Landesgrenze' in detail
    assert '<div class="prose toolbox-argument" lang="de">' in detail
    assert '<div class="prose" lang="de"><p>Landesentwicklungsplan Hessen.' in detail
    assert "its content is written in German" in detail
    listing = client.get("/en" + list_url).content.decode()
    assert 'lang="de">Gemeinsame Gewerbegebiete</a></h3>' in listing
    assert '__question" lang="de">Dürfen wir' in listing
    assert 'lang="de"' not in client.get(url).content.decode().split("<main", 1)[1]


def test_english_contact_pages_mark_functions_and_organisations_german(client, site):
    office = factories.organisation("Landkreis Höxter")
    person = factories.contact_person(
        "Erika Beispiel", organisation=office, function="Wirtschaftsförderung"
    )
    # Addresses first: under /en/ the active language makes them English ones.
    url, list_url = person.get_absolute_url(), reverse("contacts:person-list")

    detail = client.get("/en" + url).content.decode()
    assert '<p class="person__function" lang="de">Wirtschaftsförderung</p>' in detail
    assert '<p class="person__organisation" lang="de">Landkreis Höxter</p>' in detail
    listing = client.get("/en" + list_url).content.decode()
    assert '__function" lang="de">Wirtschaftsförderung</p>' in listing
    assert 'lang="de">Landkreis Höxter</a></h2>' in listing
    assert 'lang="de"' not in client.get(url).content.decode().split("<main", 1)[1]


def test_language_link_keeps_page_and_query(client, site):
    html = client.get("/en/dokumente/?kategorie=srek&jahr=2024").content.decode()

    assert 'href="/dokumente/?kategorie=srek&amp;jahr=2024" hreflang="de"' in html


@pytest.mark.parametrize("path", ["/", "/en/", "/impressum/", "/en/impressum/"])
def test_hreflang_alternates_and_no_cookie_or_vary_by_language(
    client, site, path, settings
):
    response = client.get(path)

    html = response.content.decode()
    plain = path.removeprefix("/en")
    assert (
        f'<link rel="alternate" hreflang="de" href="{settings.SITE_URL}{plain}">'
        in html
    )
    assert (
        f'<link rel="alternate" hreflang="en" href="{settings.SITE_URL}/en{plain}">'
        in html
    )
    assert not response.cookies
    assert "accept-language" not in response.get("Vary", "").lower()


def test_account_pages_are_english_under_en(client):
    factories.operator()

    html = client.get("/en/konto/login/").content.decode()

    assert '<html lang="en">' in html
    assert "Sign in" in html
    assert "Anmelden" not in html
    # The portal's own spelling, not allauth's title case and "Email".
    signup = client.get("/en/konto/signup/").content.decode()
    assert "<h1>Sign up</h1>" in signup
    assert "Sign Up" not in signup


def test_search_answers_from_the_english_interface(client, site):
    factories.article("Gewerbeflächen in Uslar")

    # German stemming from the English interface: the plural finds the singular.
    response = client.get("/en/suche/", {"q": "Gewerbefläche"})

    html = re.sub(r"</?mark>", "", response.content.decode())
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Gewerbeflächen in Uslar" in html


def test_sitemap_lists_both_languages_with_alternates(client, site):
    xml = client.get("/sitemap.xml").content.decode()

    assert "<loc>http://testserver/impressum/</loc>" in xml
    assert "<loc>http://testserver/en/impressum/</loc>" in xml
    assert (
        '<xhtml:link rel="alternate" hreflang="en" '
        'href="http://testserver/en/impressum/"' in xml
    )
    assert 'hreflang="x-default" href="http://testserver/impressum/"' in xml


def test_signup_in_english_keeps_english_for_mails(client, mailoutbox):
    factories.operator()
    data = {
        "email": "new@example.org",
        "password1": factories.PASSWORD,
        "password2": factories.PASSWORD,
    }

    client.post("/en/konto/signup/", data)

    user = User.objects.get(email="new@example.org")
    assert user.language == "en"
    assert "please confirm" in mailoutbox[0].subject.lower()
    assert "/en/konto/confirm-email/" in mailoutbox[0].body


def test_german_signup_stores_german(client):
    factories.operator()
    data = {
        "email": "neu@example.org",
        "password1": factories.PASSWORD,
        "password2": factories.PASSWORD,
    }

    client.post("/konto/signup/", data)

    assert User.objects.get(email="neu@example.org").language == "de"


@pytest.mark.parametrize(
    ("language", "subject", "link"),
    [("en", "Welcome to", "/en/foren/"), ("de", "Willkommen in", "/foren/")],
)
def test_notifications_go_out_in_the_recipients_language(
    mailoutbox, language, subject, link
):
    from forums import tasks

    forum = factories.forum(closed=True)
    member = factories.user(language=language)
    membership = factories.forum_membership(forum=forum, user=member)

    assert tasks.notify_membership_decision.call(membership_id=membership.pk) == 1

    message = mailoutbox[-1]
    assert subject in message.subject
    assert f"{link}{forum.space.slug}/" in message.body or link in message.body


def test_dates_follow_the_interface_language(client, site):
    import datetime

    from django.utils import timezone

    published = timezone.make_aware(datetime.datetime(2026, 3, 5, 10))
    url = factories.article("Datum", published_at=published).get_absolute_url()

    assert "5. März 2026" in client.get(url).content.decode()
    assert "5 March 2026" in client.get(f"/en{url}").content.decode()


def test_robots_keep_crawlers_out_of_accounts_and_search_in_both_languages(client):
    text = client.get("/robots.txt").content.decode()

    for path in ["/konto/", "/suche/", "/en/konto/", "/en/suche/"]:
        assert f"Disallow: {path}\n" in text


def test_english_version_of_a_page_is_shown_under_en_only(client, site):
    factories.page(
        "projekt",
        title="Projekt",
        body="Ein Projekt.",
        title_en="The project",
        body_en="A project.",
    )

    english = client.get("/en/projekt/").content.decode()
    german = client.get("/projekt/").content.decode()

    assert '<h1 id="page-title">The project</h1>' in english
    assert '<div class="prose"><p>A project.</p></div>' in english
    assert "content-language-note" not in english
    assert '<h1 id="page-title">Projekt</h1>' in german
    assert "A project." not in german


def test_page_without_english_text_shows_german_marked_as_german(client, site):
    factories.page("datenschutz", title="Datenschutz", body="Nur Deutsch.", title_en="")

    html = client.get("/en/datenschutz/").content.decode()

    assert '<h1 id="page-title" lang="de">Datenschutz</h1>' in html
    assert '<div class="prose" lang="de"><p>Nur Deutsch.</p>' in html
    assert "content-language-note" in html


def test_an_articles_english_title_and_teaser_show_under_en_only(client, site):
    translated = factories.article(
        "Breitband für Beverungen",
        teaser="Glasfaser kommt.",
        title_en="Broadband for Beverungen",
        teaser_en="Fibre is coming.",
    )
    german_only = factories.article("Nachtbus nach Uslar", teaser="Ab Mai.")
    # Addresses first: under /en/ the active language makes them English ones.
    url, other_url = translated.get_absolute_url(), german_only.get_absolute_url()

    detail = client.get("/en" + url).content.decode()
    assert '<h1 id="article-title">Broadband for Beverungen</h1>' in detail
    assert '<p class="news-article__teaser">Fibre is coming.</p>' in detail
    listing = client.get("/en/aktuelles/").content.decode()
    assert ">Broadband for Beverungen</a>" in listing
    assert 'lang="de">Nachtbus nach Uslar</a>' in listing
    other = client.get("/en" + other_url).content.decode()
    assert '<h1 id="article-title" lang="de">Nachtbus nach Uslar</h1>' in other
    german = client.get(url).content.decode()
    assert '<h1 id="article-title">Breitband für Beverungen</h1>' in german
    assert "Broadband" not in german


def test_demo_gives_the_project_page_and_home_texts_in_english(client):
    import io

    from demo.loaders import pages as demo

    demo.load(stdout=io.StringIO())
    home = client.get("/en/").content.decode()
    project = client.get("/en/projekt/").content.decode()

    assert "The project’s core aim" in home
    assert "briefly explained" in home
    assert ">The project “(Economic) Region der Mitte”</h1>" in project
    assert "## " not in project
