"""Forum pages and endpoints.

Rules come from `permissions.py`: whoever may not read a forum gets a 404 for
everything in it; a reader who lacks a right (moderation, posting) gets a 403 page
that says why, or the sign-in page when not signed in. Every state change is a POST.
Forms that fail keep everything that was typed.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import markdown, ratelimit
from core.pagecache import reader_cache
from core.pagination import SeekPaginator
from core.pdf import render_pdf
from core.states import State, filter_by_state

from . import services
from .forms import (
    MembershipDecisionForm,
    MembershipRequestForm,
    ModerationReasonForm,
    PostEditForm,
    PostForm,
    ReportForm,
    ReportResolveForm,
    TopicForm,
    TopicModerationForm,
)
from .models import (
    POSTS_PER_PAGE,
    TOPICS_PER_PAGE,
    Forum,
    ForumSubscription,
    Membership,
    ModerationLog,
    Post,
    PostRevision,
    Report,
    Space,
    Topic,
    TopicReadState,
    TopicSubscription,
)
from .permissions import forum_access, readable_forum_or_404

LOG_PER_PAGE = 30


# --- helpers ----------------------------------------------------------------


def _forum_or_404(request, slug: str):
    forum = get_object_or_404(Forum.objects.select_related("space"), slug=slug)
    return forum, readable_forum_or_404(request.user, forum)


def _topic_or_404(request, pk: int):
    """The topic and the user's rights in its forum (wherever it lives now)."""
    topic = get_object_or_404(
        Topic.objects.select_related("forum__space", "author"), pk=pk
    )
    access = forum_access(request.user, topic.forum)
    if not access.can_see_topic(topic):
        raise Http404
    return topic, access


def _post_or_404(request, pk: int):
    post = get_object_or_404(
        Post.objects.select_related("topic__forum__space", "author"), pk=pk
    )
    access = forum_access(request.user, post.topic.forum)
    if not access.can_see_topic(post.topic):
        raise Http404
    return post, access


def _require_moderator(access) -> None:
    if not access.is_moderator:
        raise PermissionDenied(_("Only the moderators of this forum may do this."))


def _signed_in_or_none(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def _next_url(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _add_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form, by field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _post_page(post: Post) -> int:
    before = Post.objects.filter(topic_id=post.topic_id, pk__lt=post.pk).count()
    return before // POSTS_PER_PAGE + 1


def _post_url(post: Post, topic: Topic) -> str:
    page = _post_page(post)
    query = f"?seite={page}" if page > 1 else ""
    return f"{topic.get_absolute_url()}{query}#beitrag-{post.pk}"


def _quote(post: Post) -> str:
    """A post as a Markdown quote with its author, for the reply form."""
    name = post.author.public_name if post.author else _("deleted account")
    quoted = "\n".join(f"> {line}".rstrip() for line in post.body.splitlines())
    return _("%(name)s wrote:") % {"name": name} + f"\n{quoted}\n\n"


def _quote_from(request, topic: Topic) -> str:
    """The reply text that `?zitat=<post id>` asks for: that post, quoted."""
    quote_id = request.GET.get("zitat", "")
    if not quote_id.isdigit():
        return ""
    quoted = (
        topic.posts.filter(pk=int(quote_id), is_hidden=False)
        .select_related("author")
        .first()
    )
    return _quote(quoted) if quoted else ""


# --- reading ----------------------------------------------------------------


@require_GET
@reader_cache
def space_list(request):
    """The three spaces with their forums, counts and last activity."""
    forums = Forum.objects.for_index()
    spaces = Space.objects.prefetch_related(Prefetch("forums", queryset=forums))
    user = request.user
    if user.is_authenticated:
        readable = set(Forum.objects.readable_by(user).values_list("pk", flat=True))
    else:
        readable = None
    spaces = list(spaces)
    for space in spaces:
        for forum in space.forums.all():
            forum.readable = (
                forum.read_access == Forum.ReadAccess.EVERYONE
                if readable is None
                else forum.pk in readable
            )
    return render(request, "forums/space_list.html", {"spaces": spaces})


@require_GET
@reader_cache
def forum_detail(request, forum):
    forum, access = _forum_or_404(request, forum)
    topics = Topic.objects.filter(forum=forum).for_list().with_unread(request.user)
    if not access.is_moderator:
        topics = topics.filter(is_hidden=False)
    state = request.GET.get("land", "")
    if state in State.values:
        topics = filter_by_state(topics, state)
    else:
        state = ""
    page_obj = SeekPaginator(
        topics.order_by(*Topic._meta.ordering), TOPICS_PER_PAGE
    ).get_page(request.GET.get("seite"))
    if request.user.is_authenticated:
        # Part of the key of the cached list of topics (forum_detail.html); the
        # topics themselves are read only when that list is not in the cache.
        marks = page_obj.object_list.values_list("pk", "is_unread")
        unread_ids = [pk for pk, unread in marks if unread]
    else:
        unread_ids = []
    context = {
        "forum": forum,
        "access": access,
        "page_obj": page_obj,
        "topics": page_obj.object_list,
        "unread_ids": unread_ids,
        "states": State.choices,
        "state": state,
        "post_refusal": access.post_refusal(),
        "moderators": forum.moderators.all(),
    }
    if request.user.is_authenticated:
        context["follows"] = ForumSubscription.objects.filter(
            forum=forum, user=request.user
        ).exists()
    if access.is_moderator:
        context["open_reports"] = Report.objects.filter(
            post__topic__forum=forum, status=Report.Status.OPEN
        ).count()
        context["pending_requests"] = Membership.objects.filter(
            forum=forum, status=Membership.Status.PENDING
        ).count()
    return render(request, "forums/forum_detail.html", context)


def _topic_context(request, topic, access, *, page_number=None, reply_form=None):
    """The topic page's context. The page's posts are read in full only when their
    rendered list (templates/forums/topic_detail.html) is not in the cache: what its
    key needs (ids, authors, hidden flags) comes from a light query of plain values."""
    user = request.user
    # The Markdown source is not shown (its HTML is); it can be long.
    posts = topic.posts.select_related("author").defer("body")
    page_obj = SeekPaginator(posts, POSTS_PER_PAGE).get_page(page_number)
    rows = list(page_obj.object_list.values_list("pk", "author_id", "is_hidden"))
    context = {
        "forum": topic.forum,
        "topic": topic,
        "access": access,
        "page_obj": page_obj,
        # What the links of the (cached) list of posts keep: the page, nothing else.
        "page_query": QueryDict(
            f"seite={page_obj.number}" if page_obj.number > 1 else ""
        ),
        "posts": page_obj.object_list,
        "post_ids": [pk for pk, _author, _hidden in rows],
        "post_refusal": access.post_refusal(topic),
    }
    if user.is_authenticated:
        context["follows"] = TopicSubscription.objects.filter(
            topic=topic, user=user
        ).exists()
    context["can_quote"] = context["post_refusal"] is None
    # Part of the key of the cached list of posts, too.
    context["editable_ids"] = [
        pk
        for pk, author_id, hidden in rows
        if access.may_edit(author_id=author_id, is_hidden=hidden, topic=topic)
    ]
    if reply_form is None and context["post_refusal"] is None:
        reply_form = PostForm(initial={"body": _quote_from(request, topic)})
    context["reply_form"] = reply_form
    return context


@require_GET
@reader_cache
def topic_detail(request, forum, pk, slug):
    topic, access = _topic_or_404(request, pk)
    if forum != topic.forum.slug or slug != topic.slug:
        url = topic.get_absolute_url()
        if request.GET:
            url += "?" + request.GET.urlencode()
        return redirect(url, permanent=True)
    context = _topic_context(
        request, topic, access, page_number=request.GET.get("seite")
    )
    user = request.user
    if user.is_authenticated:
        page_posts = context["post_ids"]
        state = TopicReadState.objects.filter(user=user, topic=topic).first()
        unread_from = state.last_read_post_id if state else None
        if unread_from is not None:
            first_unread = (
                topic.posts.filter(pk__gt=unread_from)
                .only("pk", "topic_id")
                .order_by("pk")
                .first()
            )
            if first_unread is not None:
                context["first_unread_url"] = _post_url(first_unread, topic)
                context["first_unread_id"] = first_unread.pk
        elif topic.last_post_at > user.date_joined and page_posts:
            context["first_unread_id"] = page_posts[0]
        if page_posts:
            services.topic_mark_read(
                topic=topic, user=user, post_id=page_posts[-1], state=state
            )
    return render(request, "forums/topic_detail.html", context)


@require_GET
def post_detail(request, forum, pk):
    """The permalink of a post: the page of its topic where it stands."""
    post, access = _post_or_404(request, pk)
    return redirect(_post_url(post, post.topic))


@require_GET
def topic_pdf(request, forum, pk, slug):
    topic, access = _topic_or_404(request, pk)
    posts = topic.posts.select_related("author")
    pdf = render_pdf(
        "forums/topic_pdf.html",
        {"topic": topic, "forum": topic.forum, "posts": posts},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="thema-{topic.pk}-{topic.slug}.pdf"'
    )
    return response


# --- writing ----------------------------------------------------------------


def _refused_page(request, template, context, refusal, status=403):
    context = {**context, "post_refusal": refusal}
    return render(request, template, context, status=status)


@require_http_methods(["GET", "POST"])
def topic_create(request, forum):
    forum, access = _forum_or_404(request, forum)
    if login := _signed_in_or_none(request):
        return login
    refusal = access.post_refusal()
    context = {"forum": forum, "access": access}
    if refusal is not None:
        return _refused_page(request, "forums/topic_form.html", context, refusal)
    form = TopicForm(request.POST or None, initial={"states": forum.states})
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "vorschau" in request.POST:
            context["preview"] = markdown.render(data["body"])
        elif not ratelimit.allows(
            _post_rate_key(request.user), settings.FORUM_POST_RATE
        ):
            form.add_error(None, _rate_message())
            status = 429
        else:
            try:
                topic = services.topic_create(
                    forum=forum,
                    author=request.user,
                    title=data["title"],
                    body=data["body"],
                    states=data["states"],
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                ratelimit.record(_post_rate_key(request.user), settings.FORUM_POST_RATE)
                messages.success(request, _("Your topic has been published."))
                return redirect(topic)
    context["form"] = form
    return render(request, "forums/topic_form.html", context, status=status)


def _post_rate_key(user) -> str:
    return f"forums:post:{user.pk}"


def _rate_message() -> str:
    return _(
        "You are writing faster than the forum allows. Please wait a minute and "
        "send again; your text is kept below."
    )


@require_http_methods(["GET", "POST"])
def topic_reply(request, forum, pk, slug):
    """Replies come from the form under a topic; this page shows the form again
    with a preview or errors (and on its own, for a GET)."""
    topic, access = _topic_or_404(request, pk)
    if login := _signed_in_or_none(request):
        return login
    if request.method == "POST":
        form = PostForm(request.POST)
    else:
        form = PostForm(initial={"body": _quote_from(request, topic)})
    context = {"forum": topic.forum, "topic": topic, "access": access, "form": form}
    context["recent_posts"] = list(
        topic.posts.select_related("author").order_by("-pk")[:3]
    )[::-1]
    refusal = access.post_refusal(topic)
    if refusal is not None:
        if form.is_bound:
            form.is_valid()  # the text stays in the form either way
        return _refused_page(request, "forums/post_form.html", context, refusal)
    status = 200
    if form.is_bound and form.is_valid():
        body = form.cleaned_data["body"]
        if "vorschau" in request.POST:
            context["preview"] = markdown.render(body)
        elif not ratelimit.allows(
            _post_rate_key(request.user), settings.FORUM_POST_RATE
        ):
            form.add_error(None, _rate_message())
            status = 429
        else:
            try:
                post = services.post_create(topic=topic, author=request.user, body=body)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                ratelimit.record(_post_rate_key(request.user), settings.FORUM_POST_RATE)
                messages.success(request, _("Your reply has been published."))
                return redirect(_post_url(post, topic))
    return render(request, "forums/post_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def post_edit(request, forum, pk):
    post, access = _post_or_404(request, pk)
    if login := _signed_in_or_none(request):
        return login
    if not access.can_edit(post):
        raise PermissionDenied(_("You may not edit this post."))
    topic = post.topic
    with_title = services.is_first_post(post)
    with_reason = post.author_id != request.user.pk
    form = PostEditForm(
        request.POST or None,
        initial={"title": topic.title, "body": post.body},
        with_title=with_title,
        with_reason=with_reason,
    )
    context = {"forum": topic.forum, "topic": topic, "post": post, "form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "vorschau" in request.POST:
            context["preview"] = markdown.render(data["body"])
        else:
            try:
                services.post_edit(
                    post=post,
                    editor=request.user,
                    body=data["body"],
                    title=data.get("title"),
                    reason=data.get("reason", ""),
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Your changes have been saved."))
                post.topic.refresh_from_db(fields=["title", "slug"])
                return redirect(_post_url(post, post.topic))
    return render(request, "forums/post_edit.html", context)


@require_http_methods(["GET", "POST"])
def post_report(request, forum, pk):
    post, access = _post_or_404(request, pk)
    if login := _signed_in_or_none(request):
        return login
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_report(
                post=post, reporter=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("Thank you. The moderators of this forum will look at the post."),
            )
            return redirect(_post_url(post, post.topic))
    context = {"forum": post.topic.forum, "topic": post.topic, "post": post}
    return render(request, "forums/report_form.html", {**context, "form": form})


@require_GET
def post_history(request, forum, pk):
    post, access = _post_or_404(request, pk)
    if login := _signed_in_or_none(request):
        return login
    _require_moderator(access)
    revisions = PostRevision.objects.filter(post=post).select_related("edited_by")
    context = {
        "forum": post.topic.forum,
        "topic": post.topic,
        "post": post,
        "revisions": revisions,
    }
    return render(request, "forums/post_history.html", context)


# --- moderation -------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def post_moderate(request, forum, pk):
    """Hide a post (readers see a note) or show it again, with a reason."""
    post, access = _post_or_404(request, pk)
    if login := _signed_in_or_none(request):
        return login
    _require_moderator(access)
    form = ModerationReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_set_hidden(
                post=post,
                moderator=request.user,
                hidden=not post.is_hidden,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Done. The author has been told why."))
            return redirect(_post_url(post, post.topic))
    context = {"forum": post.topic.forum, "topic": post.topic, "post": post}
    return render(request, "forums/post_moderate.html", {**context, "form": form})


@require_http_methods(["GET", "POST"])
def topic_moderate(request, forum, pk, slug):
    topic, access = _topic_or_404(request, pk)
    if login := _signed_in_or_none(request):
        return login
    _require_moderator(access)
    forums = Forum.objects.moderated_by(request.user).order_by("name")
    form = TopicModerationForm(request.POST or None, topic=topic, forums=forums)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        action, reason = data["action"], data["reason"]
        common = {"topic": topic, "moderator": request.user, "reason": reason}
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
            _add_errors(form, error)
        else:
            messages.success(request, _("Done. The author has been told why."))
            topic.refresh_from_db()
            return redirect(topic)
    context = {"forum": topic.forum, "topic": topic, "form": form}
    return render(request, "forums/topic_moderate.html", context)


@require_GET
def moderation(request, forum):
    """A forum's moderation desk: reported posts, requests to join, the log."""
    forum, access = _forum_or_404(request, forum)
    if login := _signed_in_or_none(request):
        return login
    _require_moderator(access)
    reports = (
        Report.objects.filter(post__topic__forum=forum, status=Report.Status.OPEN)
        .select_related("post__author", "post__topic", "reporter")
        .order_by("post_id", "created_at")
    )
    reported = {}
    for report in reports:
        reported.setdefault(report.post_id, {"post": report.post, "reports": []})
        reported[report.post_id]["reports"].append(report)
    requests = Membership.objects.filter(
        forum=forum, status=Membership.Status.PENDING
    ).select_related("user")
    log = (
        ModerationLog.objects.filter(forum=forum)
        | ModerationLog.objects.filter(target_forum=forum)
    ).select_related("actor", "affected_user", "target_forum", "forum")
    page_obj = Paginator(log, LOG_PER_PAGE).get_page(request.GET.get("seite"))
    hidden_topics = forum.topics.filter(is_hidden=True).order_by("-last_post_at")
    context = {
        "forum": forum,
        "access": access,
        "reported": list(reported.values()),
        "requests": requests,
        "decision_form": MembershipDecisionForm(),
        "resolve_form": ReportResolveForm(),
        "hidden_topics": hidden_topics,
        "page_obj": page_obj,
        "log": page_obj.object_list,
    }
    return render(request, "forums/moderation.html", context)


@require_POST
def report_resolve(request, forum, pk):
    report = get_object_or_404(
        Report.objects.select_related("post__topic__forum"), pk=pk
    )
    forum = report.post.topic.forum
    access = readable_forum_or_404(request.user, forum)
    if login := _signed_in_or_none(request):
        return login
    _require_moderator(access)
    form = ReportResolveForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.report_resolve(report=report, moderator=request.user, note=note)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The report has been resolved."))
    return redirect("forums:moderation", forum=forum.slug)


# --- membership -------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def membership_request(request, forum):
    """Ask to join a forum that needs membership. Closed forums are listed on
    /foren/ with this page as the way in, so it exists for outsiders too."""
    forum = get_object_or_404(Forum.objects.select_related("space"), slug=forum)
    if not forum.has_members:
        raise Http404
    if login := _signed_in_or_none(request):
        return login
    access = forum_access(request.user, forum)
    if not access.may_join:
        messages.info(request, _("You are a member of this forum already."))
        return redirect(forum)
    form = MembershipRequestForm(request.POST or None)
    pending = (
        access.membership is not None
        and access.membership.status == Membership.Status.PENDING
    )
    if request.method == "POST" and access.is_verified and form.is_valid():
        try:
            services.membership_request(
                forum=forum, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your request has been sent. You will get an e-mail when the "
                    "moderators have decided."
                ),
            )
            return redirect("forums:membership-request", forum=forum.slug)
    context = {
        "forum": forum,
        "access": access,
        "form": form,
        "pending": pending,
        "declined": access.membership is not None
        and access.membership.status == Membership.Status.DECLINED,
    }
    return render(request, "forums/membership_form.html", context)


@require_POST
def membership_decide(request, forum, pk):
    membership = get_object_or_404(
        Membership.objects.select_related("forum", "user"), pk=pk
    )
    access = readable_forum_or_404(request.user, membership.forum)
    if login := _signed_in_or_none(request):
        return login
    _require_moderator(access)
    form = MembershipDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.membership_decide(
                membership=membership,
                moderator=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("Decision saved. The applicant gets an e-mail.")
            )
    else:
        messages.error(request, _("Please choose approve or decline."))
    return redirect("forums:moderation", forum=membership.forum.slug)


# --- following --------------------------------------------------------------


def _follow_response(request, fallback: str, action) -> HttpResponse:
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_next_url(request, fallback))


@require_POST
def topic_follow(request, forum, pk, slug):
    topic, access = _topic_or_404(request, pk)
    if login := _signed_in_or_none(request):
        return login

    def follow():
        services.topic_follow(topic=topic, user=request.user)
        messages.success(request, _("You follow this topic: new posts come by e-mail."))

    return _follow_response(request, topic.get_absolute_url(), follow)


@require_POST
def topic_unfollow(request, forum, pk, slug):
    topic, access = _topic_or_404(request, pk)
    if login := _signed_in_or_none(request):
        return login

    def unfollow():
        services.topic_unfollow(topic=topic, user=request.user)
        messages.success(request, _("You no longer follow this topic."))

    return _follow_response(request, topic.get_absolute_url(), unfollow)


@require_POST
def forum_follow(request, forum):
    forum, access = _forum_or_404(request, forum)
    if login := _signed_in_or_none(request):
        return login

    def follow():
        services.forum_follow(forum=forum, user=request.user)
        messages.success(request, _("You follow this forum: new posts come by e-mail."))

    return _follow_response(request, forum.get_absolute_url(), follow)


@require_POST
def forum_unfollow(request, forum):
    forum, access = _forum_or_404(request, forum)
    if login := _signed_in_or_none(request):
        return login

    def unfollow():
        services.forum_unfollow(forum=forum, user=request.user)
        messages.success(request, _("You no longer follow this forum."))

    return _follow_response(request, forum.get_absolute_url(), unfollow)


@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """The link in every notification: works signed out. GET asks, POST ends it,
    so that mail scanners that open links do not unsubscribe anybody."""
    valid, subscription = services.subscription_for_token(token)
    if not valid:
        return render(request, "forums/unsubscribe.html", {"invalid": True}, status=404)
    if subscription is None:
        return render(request, "forums/unsubscribe.html", {"done": True})
    if isinstance(subscription, TopicSubscription):
        target = subscription.topic.title
    else:
        target = subscription.forum.name
    if request.method == "POST":
        services.unsubscribe(subscription=subscription)
        return render(
            request, "forums/unsubscribe.html", {"done": True, "target": target}
        )
    context = {
        "target": target,
        "is_topic": isinstance(subscription, TopicSubscription),
        "token": token,
    }
    return render(request, "forums/unsubscribe.html", context)
