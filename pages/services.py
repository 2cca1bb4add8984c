"""Writes on the base pages: archive mode and messages through the contact form."""

import datetime

from django.db import transaction
from django.utils import timezone

from .models import Archive, ContactMessage, Operator


@transaction.atomic
def archive_switch(
    *,
    active: bool,
    since: datetime.date | None = None,
    banner: str | None = None,
    successor_name: str | None = None,
    successor_url: str | None = None,
) -> Archive:
    """Switch archive mode on or off (the admin does the same with its form).

    Switching on the first time needs the banner text; the successor contact
    defaults to the operator (name and website), the date to today. Saving empties
    the page cache, so every page shows (or loses) the banner at once.
    """
    archive = Archive.objects.select_for_update().first()
    if archive is None:
        operator = Operator.objects.first()
        archive = Archive(
            since=timezone.localdate(),
            banner="",
            successor_name=operator.name if operator else "",
            successor_url=operator.website if operator else "",
        )
    archive.active = active
    for field, value in {
        "since": since,
        "banner": banner,
        "successor_name": successor_name,
        "successor_url": successor_url,
    }.items():
        if value is not None:
            setattr(archive, field, value)
    archive.full_clean()
    archive.save()
    return archive


@transaction.atomic
def contact_message_send(
    *, name: str, email: str, subject: str, message: str
) -> ContactMessage:
    """Keep a message sent through the contact form and mail it (after the commit) to
    the operator, with a copy to the sender."""
    from . import tasks

    contact = ContactMessage(
        name=name.strip(),
        email=email.strip(),
        subject=subject.strip(),
        message=message.strip(),
    )
    contact.full_clean()
    contact.save()
    pk = contact.pk
    transaction.on_commit(lambda: tasks.mail_contact_message.enqueue(pk))
    return contact
