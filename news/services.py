"""Writes on news articles that have side effects: image files, publication."""

import logging

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from PIL import Image

from core import images

from .models import Article

logger = logging.getLogger(__name__)


@transaction.atomic
def article_save(*, article: Article, image_changed: bool = False) -> Article:
    """Validate and save an article; a new or removed image has its files redone.

    A new upload is re-encoded (EXIF stripped, generated name) into the responsive
    sizes once, here, so no page ever scales an image per request. Replaced files
    are deleted only after the transaction commits, so a failed save loses nothing.
    """
    old_names = []
    if image_changed or (not article.image and article.image_renditions):
        old_names = _stored_names(article.pk)
        article.image_renditions = []
        if article.image:
            _make_renditions(article)
        else:
            article.image_width = article.image_height = None
    article.full_clean()
    article.save()
    kept = {rendition["name"] for rendition in article.image_renditions}
    obsolete = [name for name in old_names if name not in kept]
    if obsolete:
        transaction.on_commit(lambda: _delete_files(obsolete))
    return article


@transaction.atomic
def article_publish(*, article: Article) -> Article:
    """Publish now, or at the publication time already set (scheduled)."""
    article.status = Article.Status.PUBLISHED
    if article.published_at is None:
        article.published_at = timezone.now()
    article.save(update_fields=["status", "published_at", "updated_at"])
    return article


@transaction.atomic
def article_unpublish(*, article: Article) -> Article:
    """Back to draft; the publication time stays for the next publication."""
    article.status = Article.Status.DRAFT
    article.save(update_fields=["status", "updated_at"])
    return article


@transaction.atomic
def article_delete(*, article: Article) -> None:
    names = _stored_names(article.pk)
    article.delete()
    if names:
        transaction.on_commit(lambda: _delete_files(names))


def _make_renditions(article: Article) -> None:
    sizes = images.renditions(article.image, Article.IMAGE_WIDTHS)
    largest = max(sizes)
    renditions = []
    for width, content in sorted(sizes.items()):
        # Small images are never scaled up: read the size each file really has.
        with Image.open(content) as image:
            actual_width, actual_height = image.size
        content.seek(0)
        if width == largest:
            # The largest size is the article's image itself (feeds, Open Graph, PDF).
            article.image.save(content.name, content, save=False)
            name = article.image.name
        else:
            name = default_storage.save(f"news/{content.name}", content)
        renditions.append(
            {
                "width": actual_width,
                "height": actual_height,
                "name": name,
                "size": content.size,
            }
        )
    article.image_renditions = renditions


def _stored_names(pk: int | None) -> list[str]:
    if pk is None:
        return []
    stored = Article.objects.filter(pk=pk).values("image", "image_renditions").first()
    if not stored:
        return []
    names = [rendition["name"] for rendition in stored["image_renditions"]]
    if stored["image"] and stored["image"] not in names:
        names.append(stored["image"])
    return names


def _delete_files(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            # A file that is already gone is no reason to fail the editor's save.
            logger.warning("Could not delete the old news image %s", name)
