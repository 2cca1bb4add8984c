from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.generic import DetailView, ListView

from core import ratelimit

from . import services
from .forms import ContactForm
from .models import Page, SignLanguageVideo

# How often one address and one network address may write through the contact form.
CONTACT_RATE_PER_ADDRESS = "3/h"
CONTACT_RATE_PER_IP = "10/h"


class PageDetailView(DetailView):
    """An editor-kept page such as /impressum/; unknown addresses are the German 404."""

    model = Page

    def get_context_data(self, **kwargs):
        return super().get_context_data(shown=self.object.shown, **kwargs)


class SignLanguageView(ListView):
    """/gebaerdensprache/: the explanations in Deutsche Gebärdensprache as videos.

    Until editors upload videos, the page says so and leads to Leichte Sprache.
    """

    model = SignLanguageVideo
    context_object_name = "videos"
    template_name = "pages/sign_language.html"


@require_http_methods(["GET", "POST"])
def contact(request):
    """The contact form to the operator. `?betreff=` presets the subject, as the
    accessibility statement's "Barriere melden" link does."""
    if request.method == "POST":
        form = ContactForm(request.POST)
    else:
        subject = request.GET.get("betreff", "")[:200]
        form = ContactForm(initial={"subject": subject} if subject else None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        keys = [
            (f"pages:contact:{email}", CONTACT_RATE_PER_ADDRESS),
            (
                f"pages:contact-ip:{request.META.get('REMOTE_ADDR', '')}",
                CONTACT_RATE_PER_IP,
            ),
        ]
        if not all(ratelimit.allows(key, rate) for key, rate in keys):
            form.add_error(
                None,
                _(
                    "You have sent several messages in a short time. Please try again "
                    "in an hour, or call us. Your text is still here."
                ),
            )
        else:
            contact = services.contact_message_send(**form.cleaned_data)
            for key, rate in keys:
                ratelimit.record(key, rate)
            return render(request, "pages/contact_sent.html", {"contact": contact})
    return render(
        request,
        "pages/contact_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
