"""Open Graph, canonical address and JSON-LD on every public page type, through the
one mechanism of base.html (core.templatetags.seo, core.jsonld)."""

import json
import re
from html import unescape

import pytest

from core import jsonld
from tests import factories
from tests.registry import PageType, call_setup, collect

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def public(page_type: PageType) -> bool:
    """A page anyone reads: signed out, found, no account or token page."""
    return (
        page_type.signed_out
        and page_type.status == 200
        and (not page_type.sets_cookie or page_type.name == "contact form")
    )


PUBLIC = [page_type for page_type in collect("PAGE_TYPES") if public(page_type)]


def meta(html: str, name: str) -> str | None:
    found = re.search(rf'<meta property="{re.escape(name)}" content="([^"]*)"', html)
    return unescape(found.group(1)) if found else None


def structured_data(html: str) -> list[dict]:
    return [json.loads(block) for block in JSON_LD.findall(html)]


@pytest.mark.parametrize("page_type", PUBLIC, ids=[p.name for p in PUBLIC])
def test_every_public_page_type_has_open_graph_and_a_canonical_address(
    client, page_type
):
    url = call_setup(page_type.setup)
    if url.startswith("/konto/"):
        pytest.skip("Account pages are not for search engines.")
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    [canonical] = re.findall(r'<link rel="canonical" href="([^"]*)">', html)
    assert canonical.startswith("http://testserver/")
    assert "?" not in canonical or "?seite=" in canonical
    assert meta(html, "og:url") == canonical
    assert meta(html, "og:locale") == "de_DE"
    assert meta(html, "og:type") in {"website", "article", "profile"}
    title = unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1))
    assert meta(html, "og:title") and meta(html, "og:title") in title
    assert meta(html, "og:description")
    # Every JSON-LD block is valid JSON; every page below home has its breadcrumbs.
    data = structured_data(html)
    if url.split("?")[0] != "/":
        [crumbs] = [item for item in data if item.get("@type") == "BreadcrumbList"]
        items = crumbs["itemListElement"]
        assert items[0]["item"] == "http://testserver/"
        assert [item["position"] for item in items] == list(range(1, len(items) + 1))


def by_type(client, url: str, schema_type: str) -> tuple[str, dict]:
    html = client.get(url).content.decode()
    [item] = [d for d in structured_data(html) if d.get("@type") == schema_type]
    assert item["@context"] == "https://schema.org"
    return html, item


def test_home_describes_the_operator_as_an_organization(client):
    factories.home_content()
    _html, organization = by_type(client, "/", "Organization")
    assert organization["name"] == "Region Kassel-Land e.V."
    assert organization["address"]["addressLocality"] == "Wolfhagen"


def test_an_article_is_a_news_article_with_its_image(client):
    article = factories.article(
        "Neues aus der Region", teaser="Ein </script><script>alert(1)</script> Text"
    )
    html, data = by_type(client, article.get_absolute_url(), "NewsArticle")
    assert data["headline"] == "Neues aus der Region"
    assert data["description"] == "Ein </script><script>alert(1)</script> Text"
    assert "<script>alert(1)" not in html
    assert meta(html, "og:type") == "article"
    [crumbs] = [d for d in structured_data(html) if d["@type"] == "BreadcrumbList"]
    assert [item["name"] for item in crumbs["itemListElement"]] == [
        "Startseite",
        "Aktuelles",
        "Neues aus der Region",
    ]


def test_a_document_is_a_digital_document_with_its_cover(client):
    document = factories.document("Regionalanalyse 2024")
    html, data = by_type(client, document.get_absolute_url(), "DigitalDocument")
    assert data["name"] == "Regionalanalyse 2024"
    assert data["encodingFormat"] == "application/pdf"
    if document.cover:
        assert meta(html, "og:image").endswith(document.cover.url)


def test_a_topic_is_a_discussion_forum_posting(client):
    topic = factories.forum_topic(notify=False)
    _html, data = by_type(client, topic.get_absolute_url(), "DiscussionForumPosting")
    assert data["headline"] == topic.title
    assert data["author"]["@type"] == "Person"


def test_a_person_shows_only_what_their_page_shows(client):
    person = factories.contact_person("Lisa Zierenberg", phone="", email="")
    _html, data = by_type(client, person.get_absolute_url(), "Person")
    assert data["name"] == "Lisa Zierenberg"
    assert "telephone" not in data and "email" not in data
    assert data["worksFor"]["name"] == person.organisation.name


def test_json_ld_cannot_close_its_script_element():
    text = jsonld.script({"name": "</script><script>alert(1)</script> & <!--"})
    assert text.count("</script>") == 1
    assert "<script>alert" not in text and "<!--" not in text
    body = text.removeprefix('<script type="application/ld+json">')
    assert json.loads(body.removesuffix("</script>"))["name"].startswith("</script>")


def test_an_error_page_names_no_canonical_address(client):
    html = client.get("/diese-seite-gibt-es-nicht/").content.decode()
    assert 'rel="canonical"' not in html
    assert "og:url" not in html


def test_breadcrumbs_are_absolute_for_the_host_and_page_asked(client):
    """A trail's BreadcrumbList is made once for each trail and page address: the
    same trail under another host, or on another page, has its own addresses."""
    first = factories.article("Neues aus der Region")
    second = factories.article("Mehr aus der Region")

    def items(url, host):
        html = client.get(url, HTTP_HOST=host).content.decode()
        [crumbs] = [d for d in structured_data(html) if d["@type"] == "BreadcrumbList"]
        return [item["item"] for item in crumbs["itemListElement"]]

    for host in ("127.0.0.1", "localhost", "127.0.0.1"):
        for article in (first, second):
            assert items(article.get_absolute_url(), host) == [
                f"http://{host}/",
                f"http://{host}/aktuelles/",
                f"http://{host}{article.get_absolute_url()}",
            ]
