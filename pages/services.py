from django.db import transaction

from .models import ContactMessage


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
