"""Demo discussions: the cast, memberships and a report (`demo/content/forums.toml`),
the topics with their replies (`demo/content/forums/*.md`, a reply a section), posted
through the forum services so counters, read markers and HTML are as for real posts.

Idempotent: a topic that exists (same title in the same forum) is left alone.
"""

import datetime

from django.utils import timezone

from accounts.models import User
from demo.content import data, entries
from demo.loaders.accounts import ensure_user, password
from forums import services
from forums.models import Forum, Membership, Post, Report, Topic


def _people(cast: dict) -> dict[str, User]:
    secret = password()
    people = {
        key: ensure_user(
            f"{key}@{cast['domain']}",
            password=secret,
            **person,
            show_function=True,
            show_organisation=True,
            show_state=True,
        )
        for key, person in cast["people"].items()
    }
    moderator = User.objects.filter(email=cast["moderator"]).first()
    if moderator is not None:
        people["moderator"] = moderator
    return people


def load(*, stdout) -> None:
    cast = data("forums")
    people = _people(cast)
    forums = {forum.slug: forum for forum in Forum.objects.all()}
    moderator = people.get("moderator")
    if moderator is not None:
        for forum in forums.values():
            forum.moderators.add(moderator)
    _memberships(cast, forums=forums, people=people, moderator=moderator)

    now = timezone.now()
    created = 0
    touched = set()
    for entry in entries("forums"):
        forum = forums.get(entry["forum"])
        if forum is None or entry["author"] not in people:
            continue
        if Topic.objects.filter(forum=forum, title=entry["title"]).exists():
            continue
        topic = services.topic_create(
            forum=forum,
            author=people[entry["author"]],
            title=entry["title"],
            body=entry.body,
            states=entry["states"],
            notify=False,
            limit_rate=False,
        )
        started = now - datetime.timedelta(days=entry["days_ago"])
        Topic.objects.filter(pk=topic.pk).update(
            created_at=started, is_pinned=entry.get("pinned", False)
        )
        topic.posts.update(created_at=started)
        for reply in entry.sections:
            post = services.post_create(
                topic=topic,
                author=people[reply["author"]],
                body=reply.body,
                notify=False,
                limit_rate=False,
            )
            Post.objects.filter(pk=post.pk).update(
                created_at=started + datetime.timedelta(hours=reply["hours_later"])
            )
        created += 1
        touched.add(forum.pk)

    for row in cast["reports"]:
        _report(row, forums=forums, people=people)
    for forum in Forum.objects.filter(pk__in=touched):
        services.forum_refresh_counters(forum=forum)
    stdout.write(f"Forums: {created} demo topics added.")


def _memberships(cast: dict, *, forums: dict, people: dict, moderator) -> None:
    for slug, keys in cast["members"].items():
        if slug not in forums:
            continue
        for key in keys:
            Membership.objects.get_or_create(
                forum=forums[slug],
                user=people[key],
                defaults={
                    "status": Membership.Status.APPROVED,
                    "reason": cast["membership_reason"],
                    "decided_at": timezone.now(),
                    "decided_by": moderator,
                },
            )
    for row in cast["pending"]:
        if row["forum"] in forums:
            Membership.objects.get_or_create(
                forum=forums[row["forum"]],
                user=people[row["person"]],
                defaults={"reason": row["reason"]},
            )


def _report(row: dict, *, forums: dict, people: dict) -> None:
    """A report in the moderation queue, stored as it is (no mail at seed time)."""
    post = Post.objects.filter(
        topic__forum=forums.get(row["forum"]),
        topic__title=row["topic"],
        author=people[row["author"]],
    ).first()
    if post is not None and not Report.objects.filter(post=post).exists():
        Report.objects.create(
            post=post, reporter=people[row["reporter"]], reason=row["reason"]
        )
