"""Following a topic or a forum (new posts come by e-mail), and the unsubscribe link
of those e-mails."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from .. import services
from ..models import TopicSubscription
from ..permissions import forum_or_404, topic_or_404
from ..tokens import MailKind, subscription_for_token
from .base import next_url, sign_in_redirect

# (what the URL names, following?) → the service, and what the reader is told.
ACTIONS = {
    ("topic", True): (
        services.topic_follow,
        _("You follow this topic: new posts come by e-mail."),
    ),
    ("topic", False): (services.topic_unfollow, _("You no longer follow this topic.")),
    ("forum", True): (
        services.forum_follow,
        _("You follow this forum: new posts come by e-mail."),
    ),
    ("forum", False): (services.forum_unfollow, _("You no longer follow this forum.")),
}


@require_POST
def follow(request, *, following: bool, forum: str, pk=None, slug=None):
    """Follow a topic (when the URL names one) or a forum, or stop following it;
    back to the page the form was on."""
    if pk is None:
        kind, (target, _access) = "forum", forum_or_404(request.user, forum)
    else:
        kind, (target, _access) = "topic", topic_or_404(request.user, pk)
    if sign_in := sign_in_redirect(request):
        return sign_in
    action, done = ACTIONS[kind, following]
    try:
        action(user=request.user, **{kind: target})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(next_url(request, target.get_absolute_url()))


@cache_control(private=True)  # a personal link: no shared cache keeps it
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """The link in every notification and summary: works signed out. GET asks, POST
    ends it, so that mail scanners that open links do not unsubscribe anybody.

    The POST needs no session and no CSRF token (RFC 8058 one-click, as mail
    programs send it with `List-Unsubscribe=One-Click`): the signed token is the
    authority, and it names exactly one subscription of one person."""
    valid, subscription = subscription_for_token(token)
    if not valid:
        return render(request, "forums/unsubscribe.html", {"invalid": True}, status=404)
    if subscription is None:
        return render(request, "forums/unsubscribe.html", {"done": True})
    is_topic = isinstance(subscription, TopicSubscription)
    kind = subscription.label if isinstance(subscription, MailKind) else None
    if kind:
        target = None
    else:
        target = subscription.topic.title if is_topic else subscription.forum.name
    if request.method == "POST":
        services.unsubscribe(subscription=subscription)
        return render(
            request,
            "forums/unsubscribe.html",
            {"done": True, "target": target, "kind": kind},
        )
    context = {
        "target": target,
        "is_topic": is_topic,
        "kind": kind,
        "token": token,
    }
    return render(request, "forums/unsubscribe.html", context)
