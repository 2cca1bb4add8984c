"""A forum page's breadcrumbs: the forum's space leads to its section of the forum
index, unless the space is named as the forum (the trail would name it twice)."""

import re
from html import unescape

import pytest

from forums.models import Forum
from tests import factories

pytestmark = pytest.mark.django_db

TRAIL = re.compile(r'<nav class="breadcrumbs[^"]*"[^>]*>(.*?)</nav>', re.S)
LINK = re.compile(r'<a href="([^"]*)"[^>]*>(.*?)</a>', re.S)


def crumbs(response) -> list[tuple[str, str]]:
    [trail] = TRAIL.findall(response.content.decode())
    return [(unescape(name), href) for href, name in LINK.findall(trail)]


def test_a_space_named_as_its_forum_is_not_a_crumb_of_its_own(client):
    forum = Forum.objects.get(slug="nachbarschaftsforum")
    assert forum.space.name == forum.name == "Nachbarschaftsforum"

    assert crumbs(client.get(forum.get_absolute_url())) == [
        ("Startseite", "/"),
        ("Foren", "/foren/"),
        ("Nachbarschaftsforum", "/foren/nachbarschaftsforum/"),
    ]


def test_the_space_crumb_leads_to_the_spaces_section_of_the_index(client):
    forum = Forum.objects.get(slug="gewerbeflaechen")

    assert crumbs(client.get(forum.get_absolute_url())) == [
        ("Startseite", "/"),
        ("Foren", "/foren/"),
        ("Fachforen", "/foren/#fachforen"),
        ("Gewerbeflächen", "/foren/gewerbeflaechen/"),
    ]
    assert 'id="fachforen"' in client.get("/foren/").content.decode()


def test_a_closed_forums_page_for_outsiders_names_its_space_once(client):
    forum = factories.forum(closed=True, space_slug="werkstatt", name="Werkstatt")

    response = client.get(forum.get_absolute_url())

    assert response.status_code == 403
    assert [name for name, _href in crumbs(response)] == [
        "Startseite",
        "Foren",
        "Werkstatt",
    ]
