from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import SITE_KEY, Archive, Operator


@receiver([post_save, post_delete], sender=Operator)
@receiver([post_save, post_delete], sender=Archive)
def forget_site_state(**kwargs):
    cache.delete(SITE_KEY)
