"""/newsletter/: subscribe (double opt-in), confirm, unsubscribe with one click, and
the archive of sent issues. Works signed in or not."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django.views.generic import DetailView, FormView, ListView

from . import services
from .forms import SubscribeForm
from .models import Issue
from .tokens import subscriber_for


class SubscribeView(FormView):
    form_class = SubscribeForm
    template_name = "newsletter/subscribe.html"

    def get_initial(self):
        user = self.request.user
        return {"email": user.email} if user.is_authenticated else {}

    def form_valid(self, form):
        services.subscribe(
            email=form.cleaned_data["email"],
            states=form.cleaned_data["states"],
            language=get_language(),
        )
        # The same answer whether or not the address is subscribed already.
        return render(
            self.request,
            "newsletter/subscribe_sent.html",
            {"email": form.cleaned_data["email"]},
        )


def _token_view(request, token, *, purpose, template, action):
    valid, subscriber = subscriber_for(token, purpose)
    if not valid:
        return render(request, template, {"invalid": True}, status=404)
    if subscriber is None:
        return render(request, template, {"gone": True})
    if request.method == "POST":
        action(subscriber=subscriber)
        return render(request, template, {"done": True})
    return render(request, template, {"subscriber": subscriber, "token": token})


@cache_control(private=True)  # a personal link: no shared cache keeps it
@csrf_exempt
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The link in the confirmation mail: GET asks, POST confirms (mail scanners
    open links; only a person presses the button). The signed link is the authority."""
    return _token_view(
        request,
        token,
        purpose="confirm",
        template="newsletter/confirm.html",
        action=services.confirm,
    )


@cache_control(private=True)
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """One click (RFC 8058): a POST ends the subscription without session or CSRF
    token; a GET asks first."""
    return _token_view(
        request,
        token,
        purpose="unsubscribe",
        template="newsletter/unsubscribe.html",
        action=services.unsubscribe,
    )


class IssueListView(ListView):
    template_name = "newsletter/issue_list.html"
    context_object_name = "issues"
    paginate_by = 24
    page_kwarg = "seite"

    def get_queryset(self):
        return Issue.objects.sent().only("pk", "subject", "sent_at")


class IssueDetailView(DetailView):
    template_name = "newsletter/issue_detail.html"
    context_object_name = "issue"

    def get_object(self, queryset=None):
        return get_object_or_404(Issue.objects.sent(), pk=self.kwargs["pk"])
