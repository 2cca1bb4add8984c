"""Keeps the SQLite index (search/sqlite.py) current: the save paths that PostgreSQL's
triggers cover, as signals. Each kind names the models whose saves change its text
(`Kind.renewals`); on PostgreSQL nothing here runs.
"""

from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from . import sqlite
from .kinds import KINDS, PERSONS


def _renew(sender, instance, **kwargs):
    if not sqlite.enabled():
        return
    for kind in KINDS:
        for model, affected in kind.renewals:
            if sender is model:
                pks = affected(instance)
                if not isinstance(pks, list):
                    pks = [row["pk"] for row in pks]
                sqlite.index(kind, pks)


def _forget(sender, instance, **kwargs):
    if not sqlite.enabled():
        return
    for kind in KINDS:
        if sender is kind.model:
            sqlite.remove(kind, [instance.pk])
    # What is left of the items whose text included the deleted row (the next
    # opening post of a topic) is written anew.
    _renew(sender, instance)


def _topics_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        _renew(PERSONS.model, instance)


def _build(sender, **kwargs):
    sqlite.build_if_empty(KINDS)


def connect():
    senders = {model for kind in KINDS for model, _affected in kind.renewals}
    for sender in senders:
        post_save.connect(_renew, sender=sender, dispatch_uid=f"search-{sender}")
        post_delete.connect(_forget, sender=sender, dispatch_uid=f"search-{sender}")
    m2m_changed.connect(
        _topics_changed, sender=PERSONS.model.topics.through, dispatch_uid="search"
    )
    post_migrate.connect(_build, dispatch_uid="search-build")
