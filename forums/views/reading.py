"""Reading the forums: the index, a forum's topics, a topic's posts, a post's
versions, the permalink of a post and a topic as PDF."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.generic import ListView

from accounts.models import prefetch_affiliations
from core import pagecache
from core.pagination import CountedPaginator
from core.pdf import render_pdf
from core.states import State, filter_by_state

from .. import jsonld, services
from ..cache import INDEX, forum_group, topic_group
from ..models import (
    POSTS_PER_PAGE,
    TOPICS_PER_PAGE,
    Forum,
    Membership,
    Post,
    PostRevision,
    Report,
    Space,
    Topic,
    TopicReadState,
)
from ..permissions import (
    forum_page,
    post_or_404,
    topic_or_404,
    topic_page_or_404,
)
from .base import ForumViewMixin, post_page_url
from .posting import reply_form

# Renewed with its topic; the lifetime only bounds what an unused PDF takes.
PDF_SECONDS = 24 * 60 * 60


class SpaceListView(ListView):
    """The three spaces with their forums, counts and last activity."""

    template_name = "forums/space_list.html"
    context_object_name = "spaces"

    def get(self, request, *args, **kwargs):
        pagecache.depends(request, pagecache.FORUMS, INDEX)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        forums = Forum.objects.for_index()
        spaces = list(Space.objects.prefetch_related(Prefetch("forums", forums)))
        user = self.request.user
        if user.is_authenticated:
            readable = set(Forum.objects.readable_by(user).values_list("pk", flat=True))
        else:
            readable = None
        # Where the reader's request to join a forum stands, for its card.
        memberships = (
            {m.forum_id: m for m in Membership.objects.filter(user=user)}
            if user.is_authenticated
            else {}
        )
        for space in spaces:
            for forum in space.forums.all():
                forum.readable = (
                    forum.read_access == Forum.ReadAccess.EVERYONE
                    if readable is None
                    else forum.pk in readable
                )
                forum.membership = memberships.get(forum.pk)
        return spaces


class ForumDetailView(ForumViewMixin, ListView):
    """A forum's topics, pinned ones first, filtered by federal state (`?land=`).

    Outsiders of a closed forum get a page that says whom it is for, what it is
    about and where their request to join stands (403); nothing of its topics, whose
    addresses stay 404 to them.
    """

    template_name = "forums/forum_detail.html"
    context_object_name = "topics"
    paginate_by = TOPICS_PER_PAGE

    def find(self, user, kwargs) -> None:
        self.forum, self.access, self.follows = forum_page(user, kwargs["forum"])

    def refusal(self):
        if self.access.can_read:
            return None
        context = {"forum": self.forum, "access": self.access}
        return render(
            self.request, "forums/forum_members_only.html", context, status=403
        )

    def get(self, request, *args, **kwargs):
        # Its upcoming events, too.
        pagecache.depends(
            request, pagecache.FORUMS, pagecache.EVENTS, forum_group(self.forum.pk)
        )
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        # Plain: what the page shows of its topics is read only when it is rendered
        # (`topics` below), not when it is stored.
        topics = Topic.objects.filter(forum=self.forum)
        if not self.access.is_moderator:
            topics = topics.filter(is_hidden=False)
        self.state = self.request.GET.get("land", "")
        if self.state in State.values:
            topics = filter_by_state(topics, self.state)
        else:
            self.state = ""
        return topics.order_by(*Topic._meta.ordering)

    def get_paginator(self, queryset, per_page, **kwargs):
        # The forum counts its visible topics (services/counters.py): no COUNT over
        # thousands of them when the reader sees just those.
        if not self.state and not self.access.is_moderator:
            kwargs["count"] = self.forum.topic_count
        return super().get_paginator(queryset, per_page, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        forum, access, user = self.forum, self.access, self.request.user
        page_obj = context["page_obj"]
        context["topics"] = SimpleLazyObject(
            lambda: list(page_obj.object_list.for_list().with_unread(user))
        )
        if user.is_authenticated:
            # Part of the key of the cached list of topics (forum_detail.html); the
            # topics themselves are read only when that list is not in the cache.
            marks = Topic.objects.page_marks(
                forum.pk,
                user,
                hidden=access.is_moderator,
                state=self.state,
                offset=(page_obj.number - 1) * TOPICS_PER_PAGE,
                limit=TOPICS_PER_PAGE,
            )
            context["unread_ids"] = [pk for pk, unread in marks if unread]
            context["follows"] = self.follows
        else:
            context["unread_ids"] = []
        context.update(
            # What the links of the (cached) list of topics keep: the state, no
            # other parameter of the address (one reader's would reach another).
            page_query=QueryDict(f"land={self.state}" if self.state else ""),
            states=State.choices,
            state=self.state,
            post_refusal=access.post_refusal(),
            moderators=forum.moderators.all(),
        )
        if access.is_moderator:
            context["open_reports"] = Report.objects.filter(
                post__topic__forum=forum, status=Report.Status.OPEN
            ).count()
            context["pending_requests"] = Membership.objects.filter(
                forum=forum, status=Membership.Status.PENDING
            ).count()
        # What the page shows of its address and of the reader.
        pagecache.same_for(
            self.request,
            context["page_obj"].number,
            self.state,
            access.is_moderator,
            access.is_member,
            context["post_refusal"],
            context.get("follows"),
            context["unread_ids"],
            context.get("open_reports"),
            context.get("pending_requests"),
        )
        return context


class TopicDetailView(ForumViewMixin, ListView):
    """A topic's posts, a page at a time, with the reply form below. Opening it marks
    the page read for a signed-in reader.

    The page's posts are read in full only when their rendered list
    (templates/forums/topic_detail.html) is not in the cache: what its key needs
    (ids, authors, hidden flags) comes from a light query of plain values.
    """

    template_name = "forums/topic_detail.html"
    context_object_name = "posts"
    paginate_by = POSTS_PER_PAGE
    # A topic's posts are few, and the page's rows are read by OFFSET
    # (`Post.objects.page_rows`): no query to seek the page's first post.
    paginator_class = CountedPaginator

    def find(self, user, kwargs) -> None:
        self.topic, self.access, self.reading = topic_page_or_404(user, kwargs["pk"])
        self.forum = self.topic.forum

    def get(self, request, *args, **kwargs):
        topic = self.topic
        if kwargs["forum"] != topic.forum.slug or kwargs["slug"] != topic.slug:
            url = topic.get_absolute_url()
            if request.GET:
                url += "?" + request.GET.urlencode()
            return redirect(url, permanent=True)
        pagecache.depends(request, pagecache.FORUMS, topic_group(topic.pk))
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        # Plain: what the page needs of its posts in full is read only when it is
        # rendered (`posts` below), not when it is stored.
        return self.topic.posts.all()

    def get_paginator(self, queryset, per_page, **kwargs):
        kwargs["count"] = self.topic.posts_in_all  # counted as it was found
        return super().get_paginator(queryset, per_page, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        topic, access, page_obj = self.topic, self.access, context["page_obj"]
        offset = (page_obj.number - 1) * POSTS_PER_PAGE
        rows = Post.objects.page_rows(topic.pk, offset, POSTS_PER_PAGE)
        # The Markdown source is not shown (its HTML is); it can be long.
        context["posts"] = SimpleLazyObject(
            lambda: list(
                page_obj.object_list.select_related("author")
                .prefetch_related(prefetch_affiliations("author"))
                .defer("body")
            )
        )
        post_ids = [pk for pk, _author, _hidden in rows]
        context.update(
            # What the links of the (cached) list of posts keep: the page, nothing else.
            page_query=QueryDict(
                f"seite={page_obj.number}" if page_obj.number > 1 else ""
            ),
            post_ids=post_ids,
            post_refusal=access.post_refusal(topic),
            # Part of the key of the cached list of posts, too: the reader's own
            # posts have no "Report" but their versions, and those they may edit.
            own_ids=[
                pk
                for pk, author_id, _hidden in rows
                if author_id is not None and author_id == self.request.user.pk
            ],
            editable_ids=[
                pk
                for pk, author_id, hidden in rows
                if access.may_edit(author_id=author_id, is_hidden=hidden, topic=topic)
            ],
        )
        context["og_type"] = "article"
        context["json_ld"] = lambda: jsonld.topic(
            topic,
            request=self.request,
            url=self.request.build_absolute_uri(topic.get_absolute_url()),
        )
        context["can_quote"] = context["post_refusal"] is None
        if context["can_quote"]:
            context["reply_form"] = reply_form(self.request, topic)
        if self.request.user.is_authenticated:
            context.update(self._reader_context(post_ids, page_obj.number))
        # What the page shows of its address and of the reader.
        pagecache.same_for(
            self.request,
            page_obj.number,
            context["reply_form"].initial["body"] if context["can_quote"] else None,
            access.is_moderator,
            context["post_refusal"],
            context.get("follows"),
            context.get("first_unread_url"),
            context.get("first_unread_id"),
            context["own_ids"],
            context["editable_ids"],
        )
        return context

    def _reader_context(self, post_ids: list[int], page_number: int) -> dict:
        """Following, the first unread post; and the page is marked read."""
        topic, user, facts = self.topic, self.request.user, self.reading
        context = {"follows": facts["follows"]}
        read_marker = None
        if facts["marker_id"] is not None:
            read_marker = TopicReadState(
                pk=facts["marker_id"],
                user=user,
                topic=topic,
                last_read_post_id=facts["last_read"],
            )
            first_unread = facts["first_unread"]
            if first_unread in post_ids:  # on this page: no need to count for it
                query = f"?seite={page_number}" if page_number > 1 else ""
                context["first_unread_url"] = (
                    f"{topic.get_absolute_url()}{query}#beitrag-{first_unread}"
                )
                context["first_unread_id"] = first_unread
            elif first_unread is not None:
                post = Post(pk=first_unread, topic=topic)
                context["first_unread_url"] = post_page_url(
                    post, topic, before=facts["before_first_unread"]
                )
                context["first_unread_id"] = first_unread
        elif topic.last_post_at > user.date_joined and post_ids:
            context["first_unread_id"] = post_ids[0]
        if post_ids:
            services.topic_mark_read(
                topic=topic,
                user=user,
                post_id=post_ids[-1],
                read_marker=read_marker,
                new=read_marker is None,
            )
        return context


class PostHistoryView(ForumViewMixin, ListView):
    """A post's earlier versions, newest first: for its author and the moderators."""

    finds = "post"
    sign_in_required = True
    template_name = "forums/post_history.html"
    context_object_name = "revisions"

    def refusal(self):
        if not self.access.can_see_versions(self.forum_post):
            raise PermissionDenied(
                _("Only the author and the moderators see a post's earlier versions.")
            )

    def get_queryset(self):
        return PostRevision.objects.filter(post=self.forum_post).select_related(
            "edited_by"
        )


@require_GET
def post_detail(request, forum, pk):
    """The permalink of a post: the page of its topic where it stands."""
    post, _access = post_or_404(request.user, pk)
    return redirect(post_page_url(post, post.topic))


@require_GET
def topic_pdf(request, forum, pk, slug):
    topic, access = topic_or_404(request.user, pk)
    posts = topic.posts.select_related("author").prefetch_related(
        prefetch_affiliations("author")
    )
    # Moderators see hidden posts in it; everyone else the same file.
    pdf = pagecache.remember(
        f"forums:pdf:{topic.pk}:{access.is_moderator}",
        [pagecache.FORUMS, topic_group(topic.pk)],
        lambda: render_pdf(
            "forums/topic_pdf.html",
            {"topic": topic, "forum": topic.forum, "posts": posts, "access": access},
        ),
        request=request,
        seconds=PDF_SECONDS,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="thema-{topic.pk}-{topic.slug}.pdf"'
    )
    return response
