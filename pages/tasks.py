"""The mails of the contact form, as a background task (django-tasks)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from core import mail


@task()
def mail_contact_message(contact_id: int) -> int:
    """The message to the operator (answerable by "Reply") and a copy to the sender."""
    from .models import ContactMessage, Operator

    contact = ContactMessage.objects.filter(pk=contact_id).first()
    if contact is None:
        return 0
    operator = Operator.objects.current()
    messages = []
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "contact": contact,
            "operator": operator,
            "admin_url": mail.absolute(
                reverse("admin:pages_contactmessage_change", args=[contact.pk])
            ),
        }
        if operator is not None:
            to_operator = mail.message(
                to=operator.email,
                subject=_("Contact form: %(subject)s") % {"subject": contact.subject},
                template="pages/email/contact_operator.txt",
                context=context,
            )
            to_operator.reply_to = [contact.email]
            messages.append(to_operator)
        messages.append(
            mail.message(
                to=contact.email,
                subject=_("Your message: %(subject)s") % {"subject": contact.subject},
                template="pages/email/contact_copy.txt",
                context=context,
            )
        )
    return mail.send_each(messages, what="contact form")
