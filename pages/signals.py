from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Archive, ArchiveQuerySet, Operator, OperatorQuerySet


@receiver([post_save, post_delete], sender=Operator)
def forget_operator(**kwargs):
    cache.delete(OperatorQuerySet.CACHE_KEY)


@receiver([post_save, post_delete], sender=Archive)
def forget_archive(**kwargs):
    cache.delete(ArchiveQuerySet.CACHE_KEY)
