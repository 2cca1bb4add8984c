"""The frame of every page: header, navigation, error pages."""

import pytest
from django.template import loader
from django.test import Client, RequestFactory

from regiondermitte import views
from tests import factories

NAVIGATION = {
    "/aktuelles/": "Aktuelles",
    "/dokumente/": "Dokumente",
    "/foren/": "Foren",
    "/ansprechpersonen/": "Ansprechpersonen",
    "/projekt/": "Projekt",
}


@pytest.mark.django_db
def test_header_has_skip_link_navigation_and_sign_in(client):
    html = client.get("/").content.decode()

    assert html.index('class="skip-link" href="#inhalt"') < html.index("<header")
    assert 'id="inhalt"' in html
    for path, label in NAVIGATION.items():
        assert f'href="{path}"' in html
        assert label in html
    assert "Anmelden" in html
    assert "Abmelden" not in html


@pytest.mark.django_db
def test_header_has_one_search_box_that_keeps_the_query(client):
    html = client.get("/suche/", {"q": "Gewerbeflächen"}).content.decode()
    header = html[html.index("<header") : html.index("</header>")]

    assert 'role="search"' in header
    assert 'action="/suche/"' in header
    assert 'name="q" value="Gewerbeflächen"' in header


@pytest.mark.django_db
def test_header_offers_the_account_and_sign_out_when_signed_in(client):
    client.force_login(factories.user())

    html = client.get("/projekt/").content.decode()

    assert "Mein Konto" in html
    assert "Abmelden" in html
    assert 'href="/projekt/" aria-current="page"' in html


@pytest.mark.django_db
def test_bad_request_and_forbidden_pages_are_german():
    request = RequestFactory().get("/")

    bad = views.bad_request(request, exception=None)
    forbidden = views.permission_denied(request, exception=None)

    assert bad.status_code == 400
    assert "Ungültige Anfrage" in bad.content.decode()
    assert forbidden.status_code == 403
    assert "Zugriff verweigert" in forbidden.content.decode()
    assert "melden Sie sich bitte an" in forbidden.content.decode()


@pytest.mark.django_db
def test_the_forbidden_page_does_not_ask_a_signed_in_reader_to_sign_in(client):
    client.force_login(factories.editor())
    forbidden = client.get("/admin/accounts/user/")
    assert forbidden.status_code == 403
    html = forbidden.content.decode()
    assert "Zugriff verweigert" in html
    assert "melden Sie sich bitte an" not in html
    assert 'href="/konto/anmelden/' not in html.split("<main", 1)[1]


# No database marker: any query would fail the test. The 500 and 503 pages must show
# when the database is what broke.
def test_server_error_page_needs_no_database():
    response = views.server_error(RequestFactory().get("/"))

    html = response.content.decode()
    assert response.status_code == 500
    assert "Etwas ist schiefgelaufen" in html
    assert html.count("<h1") == 1
    assert 'href="/impressum/"' in html


def test_maintenance_page_needs_no_database():
    html = loader.get_template("errors/503.html").render()

    assert "vorübergehend nicht erreichbar" in html
    assert html.count("<h1") == 1
    assert 'href="/datenschutz/"' in html


@pytest.mark.django_db
def test_expired_form_gives_the_german_csrf_page():
    client = Client(enforce_csrf_checks=True)

    response = client.post("/konto/login/", {"login": "a@example.org"})

    assert response.status_code == 403
    html = response.content.decode()
    assert "Das Formular ist abgelaufen" in html
    assert "CSRF verification failed" not in html
