import datetime
from pathlib import Path

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from core import markdown
from news.models import Article, Category
from tests import factories

pytestmark = pytest.mark.django_db

XSS_DIR = Path("/work/shared/data/xss")


def test_slug_is_made_from_the_title_when_left_empty():
    article = factories.article("Fachforum „Gewerbliche Entwicklung im Dreiländereck“")
    assert article.slug == "fachforum-gewerbliche-entwicklung-im-dreilaendereck"


def test_a_second_article_with_the_same_title_gets_a_numbered_slug():
    first = factories.article("Nachbarschaftsforum in Uslar")
    second = factories.article("Nachbarschaftsforum in Uslar")
    assert first.slug == "nachbarschaftsforum-in-uslar"
    assert second.slug == "nachbarschaftsforum-in-uslar-2"


def test_an_editor_given_slug_is_kept_and_not_changed_with_the_title():
    article = factories.article("Alter Titel", slug="meine-adresse")
    article.title = "Neuer Titel"
    article.save()
    assert article.slug == "meine-adresse"


def test_the_feed_address_is_reserved():
    article = Article(
        title="Feed",
        slug="feed",
        teaser="t",
        body="b",
        category=factories.news_category(),
    )
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "slug" in error.value.message_dict
    # Made from a title, it steps aside.
    assert factories.article("Feed").slug == "feed-2"


def test_category_slug_is_made_from_the_name():
    assert Category.objects.create(name="Förderung").slug == "foerderung"


def test_image_without_alternative_text_is_refused_with_a_german_message():
    article = Article(
        title="Mit Bild",
        teaser="t",
        body="b",
        category=factories.news_category(),
        image=factories.image_upload(),
        image_alt="  ",
    )
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "Alternativtext" in error.value.message_dict["image_alt"][0]


def test_body_is_stored_as_rendered_html():
    article = factories.article(body="## Zwischentitel\n\nText mit **Betonung**.")
    assert "<h2>Zwischentitel</h2>" in article.body_html
    assert "<strong>Betonung</strong>" in article.body_html
    stored = Article.objects.values_list("body_html", flat=True).get(pk=article.pk)
    assert stored == article.body_html


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[klick](javascript:alert(1))",
        '<a href="javascript:alert(1)">klick</a>',
        "<svg onload=alert(1)>",
        '<iframe src="https://evil.example"></iframe>',
        "[daten](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        '<p style="background:url(javascript:alert(1))" onclick="alert(1)">x</p>',
        "`<script>` im Code ist nur Text",
    ],
)
def test_markdown_with_scripts_or_handlers_renders_harmless(payload):
    html = factories.article(body=payload).body_html.lower()
    _assert_harmless(html)


def test_the_xss_corpus_renders_harmless_in_article_bodies():
    payloads = []
    for path in sorted(XSS_DIR.glob("*.txt")):
        if path.name != "LICENSE":
            payloads += [line for line in path.read_text().splitlines() if line.strip()]
    assert len(payloads) > 100
    # Every payload through the renderer that saving an article runs; every 20th
    # through a real save, which must store exactly what the renderer makes.
    for payload in payloads:
        _assert_harmless(markdown.render(payload).lower())
    category = factories.news_category()
    for payload in payloads[::20]:
        article = Article(title="XSS", teaser="t", body=payload, category=category)
        article.save()
        article.refresh_from_db()
        assert article.body_html == markdown.render(payload), payload


def _assert_harmless(html: str):
    import re

    tags = re.findall(r"<\s*([a-z0-9]+)([^>]*)>", html)
    for name, attributes in tags:
        assert name not in {
            "script",
            "iframe",
            "svg",
            "img",
            "object",
            "embed",
            "style",
        }
        assert not re.search(r"\son[a-z]+\s*=", attributes), attributes
        assert "javascript:" not in attributes
        assert "data:" not in attributes
        assert "style=" not in attributes


def test_published_excludes_drafts_and_scheduled_articles():
    online = factories.article()
    factories.draft()
    factories.scheduled()
    assert list(Article.objects.published()) == [online]


def test_a_scheduled_article_appears_exactly_when_its_time_comes():
    moment = timezone.now().replace(microsecond=0) + datetime.timedelta(days=2)
    article = factories.article("Geplante Nachricht", published_at=moment)
    with time_machine.travel(moment - datetime.timedelta(seconds=1), tick=False):
        assert not Article.objects.published().filter(pk=article.pk).exists()
        assert article.is_scheduled
    with time_machine.travel(moment, tick=False):
        assert Article.objects.published().filter(pk=article.pk).exists()
        assert article.is_published


def test_publishing_without_a_time_publishes_now():
    article = factories.draft()
    assert article.published_at is None
    article.status = Article.Status.PUBLISHED
    article.save()
    assert article.published_at <= timezone.now()


def test_home_shows_featured_first_then_the_newest():
    now = timezone.now()
    old_featured = factories.article(
        "Hervorgehoben", featured=True, published_at=now - datetime.timedelta(days=90)
    )
    newest = factories.article("Neu", published_at=now - datetime.timedelta(hours=1))
    older = factories.article("Älter", published_at=now - datetime.timedelta(days=2))
    factories.article("Noch älter", published_at=now - datetime.timedelta(days=3))
    factories.article("Am ältesten", published_at=now - datetime.timedelta(days=4))
    factories.draft("Entwurf", featured=True)
    factories.scheduled("Geplant", featured=True)
    home = list(Article.objects.for_home())
    assert home[:3] == [old_featured, newest, older]
    assert len(home) == 4


def test_only_staff_with_news_permissions_may_preview():
    draft = factories.draft()
    staff_without_role = factories.user(is_staff=True)
    for person in (factories.user(), factories.moderator(), staff_without_role):
        assert not Article.objects.visible_to(person).filter(pk=draft.pk).exists()
    for person in (factories.editor(), factories.admin()):
        assert Article.objects.visible_to(person).filter(pk=draft.pk).exists()
