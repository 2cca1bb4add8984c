"""Moderation: reporting a post (any reader), and what the forum's moderators do:
hide or show a post, pin, lock, hide or move a topic, the desk with reports,
requests to join and the log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView, ListView

from accounts.models import prefetch_affiliations

from .. import services
from ..forms import (
    MembershipDecisionForm,
    ModerationReasonForm,
    ReportForm,
    ReportResolveForm,
    TopicModerationForm,
)
from ..models import Forum, Membership, ModerationLog, Report
from ..permissions import readable_forum_or_404, require_moderator
from .base import ForumViewMixin, post_page_url, sign_in_redirect

LOG_PER_PAGE = 30


class PostReportView(ForumViewMixin, FormView):
    finds = "post"
    sign_in_required = True
    form_class = ReportForm
    template_name = "forums/report_form.html"

    def refusal(self):
        post = self.forum_post
        if post.is_hidden and not self.access.is_moderator:
            raise Http404  # readers see a note in its place, nothing to report
        if post.author_id == self.request.user.pk:
            raise PermissionDenied(_("You cannot report your own post."))

    def form_valid(self, form):
        post = self.forum_post
        try:
            services.post_report(
                post=post,
                reporter=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            return self.refused(form, error)
        messages.success(
            self.request,
            _("Thank you. The moderators of this forum will look at the post."),
        )
        return redirect(post_page_url(post, post.topic))


class PostModerateView(ForumViewMixin, FormView):
    """Hide a post (readers see a note) or show it again, with a reason."""

    finds = "post"
    sign_in_required = True
    moderators_only = True
    form_class = ModerationReasonForm
    template_name = "forums/post_moderate.html"

    def form_valid(self, form):
        post = self.forum_post
        try:
            services.post_set_hidden(
                post=post,
                moderator=self.request.user,
                hidden=not post.is_hidden,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            return self.refused(form, error)
        messages.success(self.request, _("Done. The author has been told why."))
        return redirect(post_page_url(post, post.topic))


class TopicModerateView(ForumViewMixin, FormView):
    finds = "topic"
    sign_in_required = True
    moderators_only = True
    form_class = TopicModerationForm
    template_name = "forums/topic_moderate.html"

    def get_form_kwargs(self):
        forums = Forum.objects.moderated_by(self.request.user).order_by("name")
        return {**super().get_form_kwargs(), "topic": self.topic, "forums": forums}

    def form_valid(self, form):
        topic, data = self.topic, form.cleaned_data
        action = data["action"]
        common = {
            "topic": topic,
            "moderator": self.request.user,
            "reason": data["reason"],
        }
        try:
            if action in {"pin", "unpin"}:
                services.topic_set_pinned(pinned=action == "pin", **common)
            elif action in {"lock", "unlock"}:
                services.topic_set_locked(locked=action == "lock", **common)
            elif action in {"hide", "unhide"}:
                services.topic_set_hidden(hidden=action == "hide", **common)
            else:
                services.topic_move(forum=data["target_forum"], **common)
        except ValidationError as error:
            return self.refused(form, error)
        messages.success(self.request, _("Done. The author has been told why."))
        topic.refresh_from_db()
        return redirect(topic)


class ModerationDeskView(ForumViewMixin, ListView):
    """A forum's moderation desk: reported posts, requests to join, the log."""

    sign_in_required = True
    moderators_only = True
    template_name = "forums/moderation.html"
    context_object_name = "log"
    paginate_by = LOG_PER_PAGE
    paginator_class = Paginator

    def get_queryset(self):
        forum = self.forum
        return (
            ModerationLog.objects.filter(forum=forum)
            | ModerationLog.objects.filter(target_forum=forum)
        ).select_related("actor", "affected_user", "target_forum", "forum")

    def get_context_data(self, **kwargs):
        forum = self.forum
        reports = (
            Report.objects.filter(post__topic__forum=forum, status=Report.Status.OPEN)
            .select_related("post__author", "post__topic", "reporter")
            .order_by("post_id", "created_at")
        )
        reported = {}
        for report in reports:
            reported.setdefault(report.post_id, {"post": report.post, "reports": []})
            reported[report.post_id]["reports"].append(report)
        return super().get_context_data(
            reported=list(reported.values()),
            requests=Membership.objects.filter(
                forum=forum, status=Membership.Status.PENDING
            )
            .select_related("user")
            .prefetch_related(prefetch_affiliations("user")),
            decision_form=MembershipDecisionForm(),
            resolve_form=ReportResolveForm(),
            hidden_topics=forum.topics.filter(is_hidden=True).order_by("-last_post_at"),
            **kwargs,
        )


@require_POST
def report_resolve(request, forum, pk):
    report = get_object_or_404(
        Report.objects.select_related("post__topic__forum"), pk=pk
    )
    forum = report.post.topic.forum
    access = readable_forum_or_404(request.user, forum)
    if sign_in := sign_in_redirect(request):
        return sign_in
    require_moderator(access)
    form = ReportResolveForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.report_resolve(report=report, moderator=request.user, note=note)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The report has been resolved."))
    return redirect("forums:moderation", forum=forum.slug)
