import os
from io import BytesIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts.roles import EDITORS, MODERATORS
from news.models import Article
from tests import factories

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/news/article/add/"


@pytest.fixture
def editor():
    return factories.editor(display_name="Redakteurin")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def _form(**changes):
    data = {
        "title": "Digitaler Auftakt",
        "slug": "",
        "category": factories.news_category("Veranstaltung").pk,
        "teaser": "Mehr als 35 Teilnehmende.",
        "body": "Ein **erster Blick** auf den Atlas der Region.",
        "image_alt": "",
        "state_he": "on",
        "state_ni": "on",
        "state_nw": "on",
        "status": Article.Status.DRAFT,
        "published_at_0": "",
        "published_at_1": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _errors(response) -> str:
    assert response.status_code == 200, "the form should come back with errors"
    return str(response.context["adminform"].form.errors)


def test_editors_group_holds_every_news_permission_and_moderators_none():
    editors = set(
        Group.objects.get(name=EDITORS)
        .permissions.filter(content_type__app_label="news")
        .values_list("codename", flat=True)
    )
    expected = {
        f"{action}_{model}"
        for model in ("article", "category")
        for action in ("add", "change", "delete", "view")
    }
    assert editors == expected
    assert not Group.objects.get(name=MODERATORS).permissions.filter(
        content_type__app_label="news"
    )


@pytest.mark.parametrize(
    "url",
    [
        "/admin/news/article/",
        "/admin/news/article/?publication=draft",
        "/admin/news/article/?publication=scheduled&land=NI",
        "/admin/news/article/?publication=online&featured__exact=1",
        "/admin/news/article/?q=Uslar",
        "/admin/news/article/?published_at__year=2023",
        ADD_URL,
        "/admin/news/category/",
        "/admin/news/category/add/",
    ],
)
def test_editor_opens_the_news_admin(editor_client, url):
    factories.article("Nachbarschaftsforum Uslar", image=factories.image_upload())
    factories.draft()
    factories.scheduled()
    assert editor_client.get(url).status_code == 200


def test_changelist_shows_status_date_category_and_states(editor_client):
    factories.draft("Ein Entwurf", category=factories.news_category("Presse"))
    factories.scheduled("Ein geplanter", state_ni=True, state_nw=True)
    factories.article("Ein online", state_he=True, state_ni=True, state_nw=True)
    html = editor_client.get("/admin/news/article/").content.decode()
    for text in (
        "Entwurf",
        "Geplant",
        "Online",
        "Presse",
        "NI, NW",
        "länderübergreifend",
    ):
        assert text in html


def test_change_form_links_to_the_preview_and_explains_markdown(editor_client):
    draft = factories.draft("Vorschau bitte")
    html = editor_client.get(f"/admin/news/article/{draft.pk}/change/").content.decode()
    assert f'href="{draft.get_absolute_url()}"' in html
    assert "Vorschau" in html
    assert "Markdown" in html
    # The preview itself: the public page, with the draft banner, for the editor.
    preview = editor_client.get(draft.get_absolute_url())
    assert preview.status_code == 200
    assert "Entwurf:" in preview.content.decode()


def test_editor_writes_an_article_with_an_image(editor_client, editor):
    response = editor_client.post(
        ADD_URL,
        _form(
            image=factories.jpeg_with_gps(name="foto-mit-gps.jpg"),
            image_alt="Teilnehmende vor dem Bildschirm",
        ),
    )
    assert response.status_code == 302, _errors(response)
    article = Article.objects.get()
    assert article.slug == "digitaler-auftakt"
    assert article.author == editor
    assert (
        article.body_html
        == "<p>Ein <strong>erster Blick</strong> auf den Atlas der Region.</p>"
    )
    assert [r["width"] for r in article.image_renditions] == [480, 600]
    assert "foto-mit-gps" not in article.image.name
    assert article.status == Article.Status.DRAFT


def test_editor_schedules_an_article(editor_client):
    response = editor_client.post(
        ADD_URL,
        _form(
            status=Article.Status.PUBLISHED,
            published_at_0="30.05.2031",
            published_at_1="09:00",
        ),
    )
    assert response.status_code == 302, _errors(response)
    article = Article.objects.get()
    assert article.is_scheduled
    assert article.published_at.isoformat() == "2031-05-30T07:00:00+00:00"


def test_an_image_without_alternative_text_gets_a_german_error(editor_client):
    response = editor_client.post(ADD_URL, _form(image=factories.image_upload()))
    assert "Bitte beschreiben Sie das Bild" in _errors(response)
    assert not Article.objects.exists()


def test_a_file_that_is_not_an_image_gets_a_german_error(editor_client):
    fake = SimpleUploadedFile(
        "bild.jpg", b"<html><script>alert(1)</script></html>", content_type="image/jpeg"
    )
    response = editor_client.post(ADD_URL, _form(image=fake, image_alt="Ein Bild"))
    assert "Die Datei ist kein Bild oder beschädigt." in _errors(response)
    assert not Article.objects.exists()


def test_an_oversized_image_gets_a_german_error(editor_client, settings):
    settings.IMAGE_MAX_UPLOAD_SIZE = 1024 * 1024
    noise = Image.frombytes("RGB", (800, 800), os.urandom(800 * 800 * 3))
    buffer = BytesIO()
    noise.save(buffer, "PNG")
    assert len(buffer.getvalue()) > settings.IMAGE_MAX_UPLOAD_SIZE
    upload = SimpleUploadedFile(
        "gross.png", buffer.getvalue(), content_type="image/png"
    )
    response = editor_client.post(ADD_URL, _form(image=upload, image_alt="Rauschen"))
    assert "Das Bild ist zu groß (höchstens 1 MB)." in _errors(response)
    assert not Article.objects.exists()


def test_a_duplicate_slug_gets_a_german_error_and_keeps_the_input(editor_client):
    factories.article(slug="digitaler-auftakt")
    response = editor_client.post(ADD_URL, _form(slug="digitaler-auftakt"))
    assert "Einen Artikel mit dieser Adresse gibt es bereits." in _errors(response)
    assert "Mehr als 35 Teilnehmende." in response.content.decode()
    assert Article.objects.count() == 1


def test_a_duplicate_title_without_a_slug_gets_a_numbered_address(editor_client):
    factories.article("Digitaler Auftakt")
    response = editor_client.post(ADD_URL, _form())
    assert response.status_code == 302, _errors(response)
    assert Article.objects.filter(slug="digitaler-auftakt-2").exists()


def test_publish_and_unpublish_actions(editor_client):
    draft = factories.draft()
    online = factories.article()
    response = editor_client.post(
        "/admin/news/article/",
        {"action": "publish", "_selected_action": [draft.pk, online.pk]},
        follow=True,
    )
    assert (
        "1 Artikel wurde veröffentlicht (oder eingeplant)." in response.content.decode()
    )
    draft.refresh_from_db()
    assert draft.is_published

    response = editor_client.post(
        "/admin/news/article/",
        {"action": "unpublish", "_selected_action": [draft.pk, online.pk]},
        follow=True,
    )
    assert "2 Artikel sind wieder Entwürfe." in response.content.decode()
    assert not Article.objects.published().exists()


def test_deleting_in_the_admin_removes_the_article(editor_client):
    article = factories.article(image=factories.image_upload())
    response = editor_client.post(
        f"/admin/news/article/{article.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    "url", ["/admin/news/article/", ADD_URL, "/admin/news/category/"]
)
def test_staff_without_the_editors_role_cannot_use_the_news_admin(client, url):
    staff = factories.user(is_staff=True)
    factories.enable_totp(staff)
    client.force_login(staff)
    assert client.get(url).status_code == 403


def test_staff_with_only_view_permission_cannot_change_articles(client):
    staff = factories.user(is_staff=True)
    factories.enable_totp(staff)
    staff.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(staff)
    article = factories.draft()
    assert client.get(ADD_URL).status_code == 403
    response = client.post(f"/admin/news/article/{article.pk}/change/", _form())
    assert response.status_code == 403


def test_non_staff_are_sent_to_the_login(client):
    client.force_login(factories.moderator())
    response = client.get("/admin/news/article/")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_duplicate_category_gets_a_german_error(editor_client):
    factories.news_category("Förderung")
    response = editor_client.post(
        "/admin/news/category/add/", {"name": "Förderung", "slug": "", "order": 3}
    )
    assert "Eine Kategorie mit diesem Namen gibt es bereits." in _errors(response)
    response = editor_client.post(
        "/admin/news/category/add/", {"name": "Foerderung", "slug": "", "order": 3}
    )
    assert "Eine Kategorie mit dieser Adresse gibt es bereits." in _errors(response)
