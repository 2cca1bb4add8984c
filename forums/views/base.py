"""What the forum pages share: finding what the URL names with the reader's rights
there, and showing a service's refusal on the form that was sent."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.http import url_has_allowed_host_and_scheme

from core import markdown
from core.pagination import SeekPaginator

from .. import services
from ..models import POSTS_PER_PAGE, Post, Topic
from ..permissions import (
    forum_or_404,
    post_or_404,
    require_moderator,
    topic_or_404,
)


class ForumViewMixin:
    """Finds the forum, topic or post the URL names (`finds`) and the reader's rights.

    Whoever may not read the forum gets a 404 for everything in it, before anything
    else, so outsiders of a closed forum learn nothing. Then `sign_in_required` sends
    anonymous readers to sign in, `moderators_only` refuses others with a 403, and
    a view's own `refusal()` may answer instead of it (a page that says why).
    The template gets `forum`, `access`, and `topic` and `post` where there is one.
    """

    finds = "forum"  # or "topic" or "post"
    sign_in_required = False
    moderators_only = False
    # For lists: pages are `?seite=2`, found by seeking, not skipping.
    paginator_class = SeekPaginator
    page_kwarg = "seite"

    topic: Topic | None = None
    forum_post: Post | None = None  # not `post`, the name of the POST handler

    def dispatch(self, request, *args, **kwargs):
        self.find(request.user, kwargs)
        if self.sign_in_required and (sign_in := sign_in_redirect(request)):
            return sign_in
        if self.moderators_only:
            require_moderator(self.access)
        if (refusal := self.refusal()) is not None:
            return refusal
        return super().dispatch(request, *args, **kwargs)

    def refusal(self) -> HttpResponse | None:
        """The answer instead of the page when this reader may not use it, or None."""
        return None

    def find(self, user, kwargs) -> None:
        if self.finds == "post":
            self.forum_post, self.access = post_or_404(user, kwargs["pk"])
            self.topic = self.forum_post.topic
        elif self.finds == "topic":
            self.topic, self.access = topic_or_404(user, kwargs["pk"])
        else:
            self.forum, self.access = forum_or_404(user, kwargs["forum"])
            return
        self.forum = self.topic.forum

    def get_context_data(self, **kwargs):
        context = {"forum": self.forum, "access": self.access}
        if self.topic is not None:
            context["topic"] = self.topic
        if self.forum_post is not None:
            context["post"] = self.forum_post
        return super().get_context_data(**context, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        # As Paginator.get_page: past the last page is the last, nonsense the first.
        page = self.get_paginator(queryset, page_size).get_page(
            self.request.GET.get(self.page_kwarg)
        )
        return page.paginator, page, page.object_list, page.has_other_pages()

    @property
    def wants_preview(self) -> bool:
        return "vorschau" in self.request.POST

    def preview(self, form, text: str) -> HttpResponse:
        """The form again, with the text rendered above it; nothing is published."""
        context = self.get_context_data(form=form, preview=markdown.render(text))
        return self.render_to_response(context)

    def refused(self, form, error: ValidationError, **context) -> HttpResponse:
        """The form again, with what a service refused on it; 429 when too fast."""
        add_errors(form, error)
        status = 429 if isinstance(error, services.TooFast) else 200
        context = self.get_context_data(form=form, **context)
        return self.render_to_response(context, status=status)


def sign_in_redirect(request) -> HttpResponse | None:
    """The way to the sign-in page for an anonymous visitor; None when signed in."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def next_url(request, fallback: str) -> str:
    """Where a form asks to go next (`next`), if that stays on this site."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def add_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, by field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def post_page_url(post: Post, topic: Topic, *, before: int | None = None) -> str:
    """The post where it stands: its topic's page and its anchor (`before`: how many
    posts of the topic come before it, if counted already)."""
    if before is None:
        before = Post.objects.filter(topic_id=post.topic_id, pk__lt=post.pk).count()
    page = before // POSTS_PER_PAGE + 1
    query = f"?seite={page}" if page > 1 else ""
    return f"{topic.get_absolute_url()}{query}#beitrag-{post.pk}"
