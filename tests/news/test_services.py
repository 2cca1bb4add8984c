from io import BytesIO

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from news import services
from news.models import Article
from tests import factories

pytestmark = pytest.mark.django_db


def _open(name):
    with default_storage.open(name) as file:
        image = Image.open(BytesIO(file.read()))
        image.load()
    return image


def test_an_uploaded_image_gets_responsive_sizes_once():
    article = factories.article(image=factories.image_upload(size=(2400, 1600)))
    assert [(r["width"], r["height"]) for r in article.image_renditions] == [
        (480, 320),
        (960, 640),
        (1600, 1067),
    ]
    for rendition in article.image_renditions:
        assert default_storage.exists(rendition["name"])
        assert rendition["size"] == default_storage.size(rendition["name"])
        assert _open(rendition["name"]).size == (
            rendition["width"],
            rendition["height"],
        )
    # The largest size is the article's image itself.
    assert article.image.name == article.image_renditions[-1]["name"]
    assert (article.image_width, article.image_height) == (1600, 1067)


def test_a_small_image_is_never_scaled_up():
    article = factories.article(image=factories.image_upload(size=(700, 400)))
    assert [r["width"] for r in article.image_renditions] == [480, 700]


def test_the_image_loses_its_exif_data_and_gets_a_generated_name():
    article = factories.article(image=factories.jpeg_with_gps(name="urlaub-gps.jpg"))
    for rendition in article.image_renditions:
        assert "urlaub" not in rendition["name"]
        assert rendition["name"].startswith("news/")
        image = _open(rendition["name"])
        assert not image.getexif()
        assert "exif" not in image.info


def test_replacing_the_image_deletes_the_old_files_after_commit(
    django_capture_on_commit_callbacks,
):
    article = factories.article(image=factories.image_upload())
    old_names = [r["name"] for r in article.image_renditions]
    article.image = factories.image_upload(size=(800, 600), name="neu.jpg")
    with django_capture_on_commit_callbacks(execute=True):
        services.article_save(article=article, image_changed=True)
    assert all(not default_storage.exists(name) for name in old_names)
    assert all(default_storage.exists(r["name"]) for r in article.image_renditions)


def test_removing_the_image_clears_its_sizes_and_files(
    django_capture_on_commit_callbacks,
):
    article = factories.article(image=factories.image_upload())
    old_names = [r["name"] for r in article.image_renditions]
    article.image = None
    with django_capture_on_commit_callbacks(execute=True):
        services.article_save(article=article, image_changed=True)
    article.refresh_from_db()
    assert not article.image
    assert article.image_renditions == []
    assert article.image_width is None
    assert all(not default_storage.exists(name) for name in old_names)


def test_saving_without_a_new_image_keeps_the_files(django_capture_on_commit_callbacks):
    article = factories.article(image=factories.image_upload())
    renditions = article.image_renditions
    article.title = "Neuer Titel"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.article_save(article=article)
    # No file is deleted (the page cache renews its groups after the commit, too).
    assert [c for c in callbacks if c.__module__ != "core.pagecache"] == []
    assert article.image_renditions == renditions


def test_deleting_an_article_deletes_its_image_files(
    django_capture_on_commit_callbacks,
):
    article = factories.article(image=factories.image_upload())
    names = [r["name"] for r in article.image_renditions]
    with django_capture_on_commit_callbacks(execute=True):
        services.article_delete(article=article)
    assert not Article.objects.exists()
    assert all(not default_storage.exists(name) for name in names)


def test_publish_keeps_a_future_time_and_unpublish_keeps_the_time():
    scheduled = factories.draft()
    scheduled.published_at = factories.scheduled().published_at
    scheduled.save()
    services.article_publish(article=scheduled)
    assert scheduled.is_scheduled

    draft = factories.draft()
    services.article_publish(article=draft)
    assert draft.is_published
    published_at = draft.published_at

    services.article_unpublish(article=draft)
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert draft.published_at == published_at
