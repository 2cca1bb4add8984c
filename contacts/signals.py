"""Cache invalidation only: any change to the directory makes the cached PDFs stale."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from . import pdf
from .models import Organisation, Person, Topic


@receiver([post_save, post_delete], sender=Person)
@receiver([post_save, post_delete], sender=Organisation)
@receiver([post_save, post_delete], sender=Topic)
@receiver(m2m_changed, sender=Person.topics.through)
def directory_changed(**kwargs):
    pdf.forget_cached_directories()
