"""Writes on news articles that have side effects: image files, publication."""

from django.db import transaction
from django.utils import timezone

from core import images

from .models import Article


@transaction.atomic
def article_save(*, article: Article, image_changed: bool = False) -> Article:
    """Validate and save an article; a new or removed image has its files redone.

    A new upload is re-encoded (EXIF stripped, generated name) into the responsive
    sizes once, here, so no page ever scales an image per request. Replaced files
    are deleted only after the transaction commits, so a failed save loses nothing.
    """
    old_names = []
    if image_changed or (not article.image and article.image_renditions):
        old_names = images.stored_image_files(Article, article.pk)
        article.image_renditions = []
        if article.image:
            article.image_renditions = images.store_renditions(
                article.image, Article.IMAGE_WIDTHS, "news"
            )
        else:
            article.image_width = article.image_height = None
    article.full_clean()
    article.save()
    kept = {rendition["name"] for rendition in article.image_renditions}
    obsolete = [name for name in old_names if name not in kept]
    if obsolete:
        transaction.on_commit(lambda: images.delete_files(obsolete))
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
    names = images.stored_image_files(Article, article.pk)
    article.delete()
    if names:
        transaction.on_commit(lambda: images.delete_files(names))
