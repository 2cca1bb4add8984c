"""Writing: a new topic, a reply, an edit of one's post. Each form can show a
preview first; a form that fails keeps everything that was typed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from accounts.models import prefetch_affiliations

from .. import quotes, services
from ..forms import PostEditForm, PostForm, TopicForm
from ..models import Topic
from .base import ForumViewMixin, post_page_url


def _quote_from(request, topic: Topic) -> str:
    """The reply text that `?zitat=<post id>` asks for: that post, quoted (as
    readers see it: without the text of posts it quotes that have been hidden)."""
    quote_id = request.GET.get("zitat", "")
    if not quote_id.isdigit():
        return ""
    quoted = (
        topic.posts.filter(pk=int(quote_id), is_hidden=False)
        .select_related("author")
        .first()
    )
    return quotes.quote(quoted, quoted.public_body()) if quoted else ""


def reply_form(request, topic: Topic) -> PostForm:
    """The empty reply form, with the post that `?zitat=` names quoted in it."""
    return PostForm(initial={"body": _quote_from(request, topic)})


class TopicCreateView(ForumViewMixin, FormView):
    sign_in_required = True
    form_class = TopicForm
    template_name = "forums/topic_form.html"

    def refusal(self):
        refusal = self.access.post_refusal()
        if refusal is None:
            return None
        context = self.get_context_data(post_refusal=refusal)
        return self.render_to_response(context, status=403)

    def get_initial(self):
        return {"states": self.forum.states}

    def form_valid(self, form):
        data = form.cleaned_data
        if self.wants_preview:
            return self.preview(form, data["body"])
        try:
            topic = services.topic_create(
                forum=self.forum,
                author=self.request.user,
                title=data["title"],
                body=data["body"],
                states=data["states"],
            )
        except ValidationError as error:
            return self.refused(form, error)
        messages.success(self.request, _("Your topic has been published."))
        return redirect(topic)


class TopicReplyView(ForumViewMixin, FormView):
    """Replies come from the form under a topic; this page shows the form again
    with a preview or errors (and on its own, for a GET)."""

    finds = "topic"
    sign_in_required = True
    form_class = PostForm
    template_name = "forums/post_form.html"

    def refusal(self):
        refusal = self.access.post_refusal(self.topic)
        if refusal is None:
            return None
        form = self.get_form()
        if form.is_bound:
            form.is_valid()  # the text stays in the form either way
        context = self.get_context_data(form=form, post_refusal=refusal)
        return self.render_to_response(context, status=403)

    def get_initial(self):
        return {"body": _quote_from(self.request, self.topic)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        recent = (
            self.topic.posts.select_related("author")
            .prefetch_related(prefetch_affiliations("author"))
            .order_by("-pk")[:3]
        )
        context["recent_posts"] = list(recent)[::-1]
        return context

    def form_valid(self, form):
        body = form.cleaned_data["body"]
        if self.wants_preview:
            return self.preview(form, body)
        try:
            post = services.post_create(
                topic=self.topic, author=self.request.user, body=body
            )
        except ValidationError as error:
            return self.refused(form, error)
        messages.success(self.request, _("Your reply has been published."))
        return redirect(post_page_url(post, self.topic))


class PostEditView(ForumViewMixin, FormView):
    """Authors edit their posts while they may write; moderators any, with a reason."""

    finds = "post"
    sign_in_required = True
    form_class = PostEditForm
    template_name = "forums/post_edit.html"

    def refusal(self):
        if not self.access.can_edit(self.forum_post):
            raise PermissionDenied(_("You may not edit this post."))

    def get_form_kwargs(self):
        post = self.forum_post
        return {
            **super().get_form_kwargs(),
            "initial": {"title": self.topic.title, "body": post.body},
            "with_title": services.is_first_post(post),
            "with_reason": post.author_id != self.request.user.pk,
        }

    def form_valid(self, form):
        data, post = form.cleaned_data, self.forum_post
        if self.wants_preview:
            return self.preview(form, data["body"])
        try:
            services.post_edit(
                post=post,
                editor=self.request.user,
                body=data["body"],
                title=data.get("title"),
                reason=data.get("reason", ""),
            )
        except ValidationError as error:
            return self.refused(form, error)
        messages.success(self.request, _("Your changes have been saved."))
        post.topic.refresh_from_db(fields=["title", "slug"])
        return redirect(post_page_url(post, post.topic))
