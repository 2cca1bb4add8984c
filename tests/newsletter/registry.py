"""The newsletter in the quality gates: the form, the pages its links open, the
archive, and the editors' admin."""

from django.urls import reverse
from django.utils import timezone

from tests.registry import PageType, UrlRule, everyone, once


def no_kwargs() -> dict:
    return {}


@once
def subscriber():
    from newsletter.models import Subscriber

    return Subscriber.objects.get_or_create(
        email="leserin-gate@example.org", defaults={"state_he": True}
    )[0]


@once
def sent_issue():
    from newsletter.models import Issue

    issue = Issue(
        subject="Neues aus der Region",
        body="Der **Radweg** an der Weser ist fertig.\n\n- Termine\n- Förderung",
        state_he=True,
        state_ni=True,
    )
    issue.save()
    Issue.objects.filter(pk=issue.pk).update(
        status=Issue.Status.SENT, sent_at=timezone.now()
    )
    return issue


def token_kwargs(purpose: str):
    def make() -> dict:
        from newsletter.tokens import token

        return {"token": token(subscriber(), purpose)}

    return make


def issue_kwargs() -> dict:
    return {"pk": sent_issue().pk}


def archive_kwargs() -> dict:
    sent_issue()  # the archive with an issue in it
    return {}


def url(name: str, kwargs=no_kwargs):
    return lambda: reverse(name, kwargs=kwargs())


PAGE_TYPES = [
    PageType("newsletter: subscribe", url("newsletter:subscribe"), sets_cookie=True),
    PageType("newsletter: confirm", url("newsletter:confirm", token_kwargs("confirm"))),
    PageType(
        "newsletter: unsubscribe",
        url("newsletter:unsubscribe", token_kwargs("unsubscribe")),
    ),
    PageType("newsletter: archive", url("newsletter:issue-list", archive_kwargs)),
    PageType("newsletter: issue", url("newsletter:issue-detail", issue_kwargs)),
]

URL_RULES = [
    UrlRule("newsletter:subscribe", no_kwargs, everyone(200)),
    UrlRule("newsletter:confirm", token_kwargs("confirm"), everyone(200)),
    UrlRule("newsletter:unsubscribe", token_kwargs("unsubscribe"), everyone(200)),
    UrlRule("newsletter:issue-list", archive_kwargs, everyone(200)),
    UrlRule("newsletter:issue-detail", issue_kwargs, everyone(200)),
    UrlRule(
        "admin:newsletter_issue_changelist",
        no_kwargs,
        everyone(302, editor=200, admin=200),
    ),
    UrlRule(
        "admin:newsletter_issue_preview",
        issue_kwargs,
        everyone(302, editor=200, admin=200),
    ),
]
