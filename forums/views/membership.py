"""Membership of forums that need it: asking to join, and the moderators' decision."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView

from .. import services
from ..forms import MembershipDecisionForm, MembershipRequestForm
from ..models import Forum, Membership
from ..permissions import forum_access, readable_forum_or_404, require_moderator
from .base import ForumViewMixin, sign_in_redirect


class MembershipRequestView(ForumViewMixin, FormView):
    """Ask to join a forum that needs membership. Closed forums are listed on
    /foren/ with this page as the way in, so it exists for outsiders too."""

    sign_in_required = True
    form_class = MembershipRequestForm
    template_name = "forums/membership_form.html"

    def find(self, user, kwargs) -> None:
        self.forum = get_object_or_404(
            Forum.objects.select_related("space"), slug=kwargs["forum"]
        )
        if not self.forum.has_members:
            raise Http404
        self.access = forum_access(user, self.forum)

    def refusal(self):
        if self.access.may_join:
            return None
        messages.info(self.request, _("You are a member of this forum already."))
        return redirect(self.forum)

    def get_context_data(self, **kwargs):
        membership = self.access.membership
        status = membership.status if membership else None
        return super().get_context_data(
            pending=status == Membership.Status.PENDING,
            declined=status == Membership.Status.DECLINED,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not self.access.is_verified:
            # The page says how to verify; nothing is sent.
            return self.get(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.membership_request(
                forum=self.forum,
                user=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            return self.refused(form, error)
        messages.success(
            self.request,
            _(
                "Your request has been sent. You will get an e-mail when the "
                "moderators have decided."
            ),
        )
        return redirect("forums:membership-request", forum=self.forum.slug)


@require_POST
def membership_decide(request, forum, pk):
    membership = get_object_or_404(
        Membership.objects.select_related("forum", "user"), pk=pk
    )
    access = readable_forum_or_404(request.user, membership.forum)
    if sign_in := sign_in_redirect(request):
        return sign_in
    require_moderator(access)
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
