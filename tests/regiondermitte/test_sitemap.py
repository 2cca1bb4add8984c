import datetime
import re

import pytest
from django.utils import timezone

from news.models import Article
from tests import factories

pytestmark = pytest.mark.django_db


def entries(client) -> dict[str, str | None]:
    """Each <loc> path of the sitemap with its <lastmod> (None when it has none)."""
    xml = client.get("/sitemap.xml").content.decode()
    found = {}
    for block in re.findall(r"<url>(.*?)</url>", xml, re.S):
        loc = re.search(r"<loc>https?://[^/]+(.*?)</loc>", block).group(1)
        lastmod = re.search(r"<lastmod>(.*?)</lastmod>", block)
        found[loc] = lastmod.group(1) if lastmod else None
    return found


def test_the_sitemap_lists_the_list_pages_with_their_last_change(client):
    old = factories.article("Alt")
    new = factories.article("Neu")
    when = timezone.make_aware(datetime.datetime(2026, 3, 14, 9, 30))
    Article.objects.filter(pk=old.pk).update(updated_at=when)
    newest = timezone.make_aware(datetime.datetime(2026, 5, 2, 11, 0))
    Article.objects.filter(pk=new.pk).update(updated_at=newest)
    factories.document("Regionalanalyse")
    factories.forum_topic(notify=False)
    factories.contact_person("Ansprechstelle Wolfhagen")

    found = entries(client)

    for path in ("/aktuelles/", "/dokumente/", "/foren/", "/ansprechpersonen/"):
        assert path in found, path
        assert found[path], f"{path} has no lastmod"
    assert found["/aktuelles/"] == "2026-05-02"
    # The home page changes whenever one of the lists it shows does.
    assert found["/"] is not None
    assert found["/"] >= max(found["/aktuelles/"], found["/ansprechpersonen/"])


def test_the_sitemap_answers_for_an_empty_site(client):
    found = entries(client)
    assert "/" in found and found["/"] is None
    assert "/aktuelles/" in found


def test_favicon_ico_answers_with_an_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"
    assert not response.cookies
