import json

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import FormView, ListView, TemplateView, UpdateView

from .forms import (
    AffiliationClaimForm,
    AffiliationDecisionForm,
    AffiliationSettingsForm,
    DeleteAccountForm,
    ProfileForm,
)
from .models import Affiliation, User
from .services import (
    affiliation_approve,
    affiliation_claim,
    affiliation_decline,
    affiliation_end,
    affiliation_revoke,
    affiliation_update,
    user_delete,
    user_export,
)


@method_decorator(never_cache, name="dispatch")
class ProfileUpdateView(LoginRequiredMixin, SuccessMessageMixin, UpdateView):
    form_class = ProfileForm
    template_name = "accounts/user_form.html"
    success_url = reverse_lazy("accounts:profile")
    success_message = gettext_lazy("Your profile has been saved.")

    def get_object(self, queryset=None):
        return self.request.user

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        # A rejected form has already written its values into the object; the
        # preview shows what others see, so the saved state.
        context["saved"] = (
            User.objects.get(pk=self.object.pk) if form.is_bound else self.object
        )
        context["has_second_factor"] = is_mfa_enabled(self.request.user)
        return context


class DataView(LoginRequiredMixin, TemplateView):
    """What the portal keeps about a person, with the button that downloads it."""

    template_name = "accounts/user_data.html"


@login_required
@require_POST
@never_cache
def data_export(request):
    data = user_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="region-der-mitte-meine-daten-{stamp}.json"'
    )
    return response


@login_required
@never_cache
def account_delete(request):
    data = request.POST if request.method == "POST" else None
    form = DeleteAccountForm(data, user=request.user)
    if form.is_valid():
        user_delete(user=request.user)
        logout(request)
        messages.success(request, _("Your account has been deleted."))
        return redirect("home")
    return render(request, "accounts/account_delete.html", {"form": form})


# --- affiliations ------------------------------------------------------------


@method_decorator(never_cache, name="dispatch")
class AffiliationListView(LoginRequiredMixin, ListView):
    """One's own affiliations, with the switches, the "end" button and the claim form."""

    template_name = "accounts/affiliation_list.html"
    context_object_name = "affiliations"

    def get_queryset(self):
        return self.request.user.affiliations.select_related("organisation").order_by(
            "-primary", "-created_at"
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = kwargs.get("form") or AffiliationClaimForm()
        context["is_reviewer"] = Affiliation.objects.reviewable_by(
            self.request.user
        ).exists() or self.request.user.has_perm("accounts.review_affiliation")
        return context

    def post(self, request, *args, **kwargs):
        form = AffiliationClaimForm(request.POST)
        if form.is_valid():
            try:
                affiliation = affiliation_claim(
                    user=request.user,
                    request=request,
                    public=form.cleaned_data["public"],
                    **{
                        name: form.cleaned_data[name]
                        for name in [
                            "function",
                            "organisation",
                            "proposed_organisation",
                            "work_email",
                        ]
                    },
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if affiliation.status == Affiliation.Status.VERIFIED:
                    text = _("Your affiliation is confirmed by your work address.")
                elif affiliation.work_email:
                    text = _(
                        "Please follow the link we have sent to %(email)s: it "
                        "confirms your affiliation."
                    ) % {"email": affiliation.work_email}
                else:
                    text = _(
                        "Thank you. The editors will review your claim; you will get "
                        "an e-mail."
                    )
                messages.success(request, text)
                return redirect("accounts:affiliations")
        self.object_list = self.get_queryset()
        return self.render_to_response(self.get_context_data(form=form))


def _own_affiliation(request, pk) -> Affiliation:
    return get_object_or_404(Affiliation, pk=pk, user=request.user)


@login_required
@require_POST
def affiliation_settings(request, pk):
    affiliation = _own_affiliation(request, pk)
    form = AffiliationSettingsForm(request.POST)
    form.is_valid()  # two check boxes: never invalid
    try:
        affiliation_update(
            affiliation=affiliation,
            user=request.user,
            public=form.cleaned_data["public"],
            primary=form.cleaned_data["primary"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your affiliation has been saved."))
    return redirect("accounts:affiliations")


@login_required
@require_POST
def affiliation_end_view(request, pk):
    affiliation = _own_affiliation(request, pk)
    try:
        affiliation_end(affiliation=affiliation, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("“%(label)s” has ended and is shown nowhere any more.")
            % {"label": affiliation.label},
        )
    return redirect("accounts:affiliations")


@method_decorator(never_cache, name="dispatch")
class AffiliationReviewListView(LoginRequiredMixin, ListView):
    """The claims waiting for a decision that this reviewer may take."""

    template_name = "accounts/affiliation_review_list.html"
    context_object_name = "claims"

    def get_queryset(self):
        user = self.request.user
        reviewable = Affiliation.objects.reviewable_by(user)
        if not user.has_perm("accounts.review_affiliation") and not (
            Affiliation.objects.filter(
                user=user, status=Affiliation.Status.VERIFIED
            ).exists()
        ):
            raise PermissionDenied(
                _("Only the editors and confirmed colleagues review affiliations.")
            )
        return (
            reviewable.filter(status=Affiliation.Status.PENDING)
            .select_related("user", "organisation")
            .order_by("created_at")
        )


@method_decorator(never_cache, name="dispatch")
class AffiliationReviewView(LoginRequiredMixin, FormView):
    """Approve or decline a claim, or (staff) revoke a confirmed affiliation."""

    template_name = "accounts/affiliation_review.html"
    form_class = AffiliationDecisionForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.affiliation = get_object_or_404(
                Affiliation.objects.reviewable_by(request.user).select_related(
                    "user", "organisation"
                ),
                pk=kwargs["pk"],
            )
        return super().dispatch(request, *args, **kwargs)

    def choices(self):
        Decision = AffiliationDecisionForm.Decision
        if self.affiliation.status == Affiliation.Status.PENDING:
            return [
                (Decision.APPROVE, _("Confirm")),
                (Decision.DECLINE, _("Decline")),
            ]
        if self.affiliation.status == Affiliation.Status.VERIFIED and (
            self.request.user.has_perm("accounts.review_affiliation")
        ):
            return [(Decision.REVOKE, _("Revoke"))]
        return []

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "choices": self.choices()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["affiliation"] = self.affiliation
        context["log"] = self.affiliation.log.select_related("actor")
        return context

    def form_valid(self, form):
        Decision = AffiliationDecisionForm.Decision
        decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
        arguments = {"affiliation": self.affiliation, "reviewer": self.request.user}
        try:
            if decision == Decision.APPROVE:
                affiliation_approve(**arguments)
            elif decision == Decision.DECLINE:
                affiliation_decline(**arguments, reason=reason)
            else:
                affiliation_revoke(**arguments, reason=reason)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Decided; %(name)s is told by e-mail.")
            % {"name": self.affiliation.user.public_name},
        )
        return redirect("accounts:affiliation-review-list")
