import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.loaders import pages as demo
from pages.models import Operator
from tests import factories

pytestmark = pytest.mark.django_db

XSS_BODY = """\
## Überschrift

Ein **fetter** Absatz mit [einem Link](https://example.org).

<script>alert("xss")</script>
<img src=x onerror="alert(1)">
[Klick](javascript:alert(1))
<iframe src="https://evil.example"></iframe>
"""


def test_page_detail_renders_markdown_and_removes_scripts(client):
    page = factories.page("projekt", title="Projekt", body=XSS_BODY)

    response = client.get(page.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h2>Überschrift</h2>" in html
    assert "<strong>fetter</strong>" in html
    assert 'href="https://example.org"' in html
    assert 'alert("xss")' not in html
    assert "onerror" not in html
    assert "javascript:" not in html
    assert "<iframe" not in html
    # The only scripts a page may carry come from the portal's own static files.
    assert "<script>" not in html


def test_page_detail_has_one_h1_and_breadcrumbs(client):
    page = factories.page("impressum", title="Impressum")

    html = client.get(page.get_absolute_url()).content.decode()

    assert html.count("<h1") == 1
    assert 'aria-current="page">Impressum</a>' in html


def test_page_detail_runs_few_queries(client, django_assert_max_num_queries):
    factories.operator()
    page = factories.page("datenschutz", title="Datenschutz", body="Text\n\n" * 50)
    client.get(page.get_absolute_url())  # fills the operator cache

    # The page itself, and the cache lookup of the operator for the footer.
    with django_assert_max_num_queries(2):
        response = client.get(page.get_absolute_url())

    assert response.status_code == 200


def test_unknown_page_is_the_german_404_page(client):
    factories.operator()

    response = client.get("/diese-seite-gibt-es-nicht/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Seite nicht gefunden" in html
    assert html.count("<h1") == 1
    assert 'action="/suche/"' in html
    assert "Traceback" not in html


@pytest.mark.parametrize("path", ["/", "/impressum/", "/gibt-es-nicht/"])
def test_operator_appears_in_the_footer_of_every_page(client, path):
    factories.home_content()
    factories.page("impressum", title="Impressum")
    factories.operator(name="Region Kassel-Land e.V.", phone="0 56 92 / 99 777 - 14")

    html = client.get(path).content.decode()

    footer = html[html.index('<footer class="site-footer">') :]
    assert "Region Kassel-Land e.V." in footer
    assert "Kurfürstenstr. 19" in footer
    assert "34466 Wolfhagen" in footer
    assert 'href="tel:+4956929977714"' in footer
    assert 'href="mailto:kontakt@regiondermitte.de"' in footer
    assert "Region gestalten" in footer  # the funding notice
    for link in ("/impressum/", "/datenschutz/", "/barrierefreiheit/"):
        assert f'href="{link}"' in footer


def test_operator_is_read_from_the_cache_after_the_first_page(client):
    factories.home_content()
    client.get("/")

    with CaptureQueriesContext(connection) as queries:
        html = client.get("/").content.decode()

    assert "Kurfürstenstr. 19" in html
    assert not [q for q in queries if "pages_operator" in q["sql"]]


def test_operator_cache_is_forgotten_when_the_operator_is_saved(client):
    operator = factories.operator(name="Alter Name e.V.")
    assert Operator.objects.current().name == "Alter Name e.V."

    operator.name = "Neuer Name e.V."
    operator.save()

    assert Operator.objects.current().name == "Neuer Name e.V."
    assert "Neuer Name e.V." in client.get("/impressum/").content.decode()


def test_operator_cache_is_forgotten_when_the_operator_is_deleted():
    operator = factories.operator()
    assert Operator.objects.current() is not None

    operator.delete()

    assert Operator.objects.current() is None


def test_pages_render_without_an_operator(client):
    page = factories.page("projekt", title="Projekt")

    response = client.get(page.get_absolute_url())

    assert response.status_code == 200
    assert "Impressum" in response.content.decode()


def load_demo() -> str:
    out = io.StringIO()
    demo.load(stdout=out)
    return out.getvalue()


def test_home_page_shows_the_seed_texts_with_bounded_queries(
    client, django_assert_max_num_queries
):
    load_demo()
    client.get("/")  # fills the operator cache

    # Pages 2, goals 1, operator cache 1; news, SREK, forums and contacts one each:
    # 7 measured with the full demo content. More content does not add queries.
    with django_assert_max_num_queries(9):
        response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "(Wirtschafts-)Region der Mitte" in html
    assert "…kurz erklärt: Region gestalten – Aktive Regionalentwicklung" in html
    assert "Aktive Regionalentwicklung" in html
    assert "Kernziel des Projekts" in html
    for title in (
        "Regionalanalyse",
        "Nachbarschaftsforum",
        "Fachforen",
        "Unternehmensforum",
    ):
        assert title in html
    for link in (
        "/dokumente/?kategorie=regionalanalyse",
        "/foren/nachbarschaftsforum/",
        "/foren/#fachforen",
        "/foren/#unternehmensforum",
    ):
        assert f'href="{link}"' in html


def test_home_page_goals_come_in_their_order(client):
    factories.home_content()
    factories.goal(2, title="Zweites Ziel")
    factories.goal(1, title="Erstes Ziel")

    html = client.get("/").content.decode()

    assert html.index("Erstes Ziel") < html.index("Zweites Ziel")


def test_home_page_works_before_any_content_exists(client):
    response = client.get("/")

    assert response.status_code == 200
    assert response.content.decode().count("<h1") == 1
