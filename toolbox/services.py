"""Writing the Werkzeugkasten: a draft from a forum topic, saving, publishing versions."""

import html

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core.states import STATE_FIELDS
from forums.models import Topic

from .models import (
    ArgumentCard,
    CardVersion,
    Citation,
    DocumentSource,
    StateSection,
)
from .permissions import may_draft_from


def _opening_text(topic: Topic) -> str:
    first = topic.posts.order_by("pk").only("body_html").first()
    if first is None:
        return ""
    text = " ".join(html.unescape(strip_tags(first.body_html)).split())
    return Truncator(text).chars(480)


@transaction.atomic
def card_from_topic(*, topic: Topic, by) -> ArgumentCard:
    """A moderator of the topic's forum turns the discussion into a draft card.

    Title, question (the opening post), the states' empty sections and the link to the
    topic are filled in; editors complete and publish the card in the admin.
    """
    if not may_draft_from(by, topic):
        raise PermissionDenied(_("Only the moderators of this forum may do this."))
    card = ArgumentCard(
        title=topic.title,
        topic=_planning_topic(topic),
        question=_opening_text(topic) or topic.title,
        argument=_("(to be written)"),
        source_topic=topic,
        drafted_by=by,
        **{field: getattr(topic, field) for field in STATE_FIELDS.values()},
    )
    card.full_clean()
    card.save()
    card.forum_topics.add(topic)
    for state in card.states:
        StateSection.objects.create(card=card, state=state, basis=_("(to be written)"))
    return card


def _planning_topic(topic: Topic) -> str:
    """The Fachforum's topic when its name says it (Fachforum "Mobilität"), else the
    first one; the editor corrects it."""
    name = topic.forum.name.casefold()
    for value, label in ArgumentCard._meta.get_field("topic").choices:
        if str(label).casefold() in name or value in name:
            return value
    words = {
        "gewerbe": "gewerbeflaechen",
        "mobil": "mobilitaet",
        "fachkr": "fachkraefte",
        "siedlung": "siedlungsentwicklung",
        "wohn": "siedlungsentwicklung",
        "energie": "energie",
        "daseins": "daseinsvorsorge",
    }
    for word, value in words.items():
        if word in name:
            return value
    return "gewerbeflaechen"


@transaction.atomic
def card_create(
    *,
    card: ArgumentCard,
    sections: list[dict],
    document_sources: list[dict] = (),
    citations: list[dict] = (),
    forum_topics=(),
    events=(),
    contacts=(),
) -> ArgumentCard:
    """A card with its state sections, sources and relations, as the admin saves it
    (the demo content and tests write through here)."""
    card.full_clean()
    card.save()
    for values in sections:
        section = StateSection(card=card, **values)
        section.full_clean()
        section.save()
    for order, values in enumerate(document_sources):
        DocumentSource.objects.create(card=card, order=order, **values)
    for order, values in enumerate(citations):
        citation = Citation(card=card, order=order, **values)
        citation.full_clean()
        citation.save()
    card.forum_topics.add(*forum_topics)
    card.events.add(*events)
    card.contacts.add(*contacts)
    card_sync_states(card=card)
    return card


def card_sync_states(*, card: ArgumentCard) -> None:
    """A card applies to the states it has a section for: declared once, here."""
    present = set(card.sections.values_list("state", flat=True))
    changed = {field: state.value in present for state, field in STATE_FIELDS.items()}
    if any(getattr(card, field) != value for field, value in changed.items()):
        for field, value in changed.items():
            setattr(card, field, value)
        # A save, not an update(): the page cache and the search index hear of it.
        card.save(update_fields=[*changed, "updated_at"])


def snapshot(card: ArgumentCard) -> dict:
    """What a version keeps: the card as readers saw it (rendered, sanitized HTML)."""
    return {
        "title": card.title,
        "topic": card.topic,
        "question": card.question,
        "argument_html": card.argument_html,
        "reasoning_html": card.reasoning_html,
        "status": card.status,
        "agreed_on": card.agreed_on.isoformat() if card.agreed_on else None,
        "agreed_by": card.agreed_by.name if card.agreed_by_id else "",
        "sections": [
            {
                "state": section.state,
                "authority": section.authority,
                "basis_html": section.basis_html,
                "differences_html": section.differences_html,
                "action_html": section.action_html,
            }
            for section in card.sections_for(None)
        ],
        "documents": [
            {
                "title": source.document.title,
                "url": source.document.get_absolute_url(),
                "pages": source.pages,
                "note": source.note,
            }
            for source in card.document_sources.select_related("document")
        ],
        "citations": [
            {
                "title": c.title,
                "publisher": c.publisher,
                "year": c.year,
                "url": c.url,
                "note": c.note,
            }
            for c in card.citations.all()
        ],
    }


@transaction.atomic
def card_publish(*, card: ArgumentCard, change_note: str, by=None) -> CardVersion:
    """Publish the card as it is now: a new version with its own address."""
    card = ArgumentCard.objects.select_for_update().get(pk=card.pk)
    card_sync_states(card=card)
    now = timezone.now()
    card.version += 1
    card.is_published = True
    card.published_at = card.published_at or now
    card.full_clean()
    card.save()
    return CardVersion.objects.create(
        card=card,
        number=card.version,
        change_note=change_note,
        status=card.status,
        snapshot=snapshot(card),
        created_at=now,
        created_by=by,
    )


@transaction.atomic
def card_withdraw(*, card: ArgumentCard) -> None:
    """Readers no longer see the card; its versions stay for the editors."""
    card.is_published = False
    card.save(update_fields=["is_published", "updated_at"])
