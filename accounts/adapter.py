from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib import messages
from django.contrib.sites.shortcuts import get_current_site
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .tasks import send_account_mail

# Set on the request when a new account signs in for the first time.
_WELCOMED = "_accounts_welcomed"


class AccountAdapter(DefaultAccountAdapter):
    def is_safe_url(self, url):
        # Only this site: `?next=https://evil.example` and `//evil.example` are dropped.
        return bool(url) and url_has_allowed_host_and_scheme(
            url, allowed_hosts=None, require_https=False
        )

    def get_signup_redirect_url(self, request):
        # Sign-up asks for nothing but e-mail and password; the profile comes next.
        return reverse("accounts:profile")

    def get_email_verification_redirect_url(self, email_address):
        if self.request.user.is_authenticated:
            # A further address of a signed-in person: back to the list.
            return reverse("account_email")
        # Confirmed in another browser than the one that signed up: sign in there.
        return f"{reverse('account_login')}?next={reverse('accounts:profile')}"

    def post_login(self, request, user, **kwargs):
        if kwargs.get("signup"):
            setattr(request, _WELCOMED, True)
            messages.success(
                request,
                _(
                    "Welcome to Region der Mitte! Tell others who you are: fill in "
                    "your profile. You decide what of it is shown publicly."
                ),
            )
        return super().post_login(request, user, **kwargs)

    def add_message(self, request, level, message_template=None, *args, **kwargs):
        # The welcome after sign-up says enough; "signed in as …" would repeat it.
        if getattr(request, _WELCOMED, False) and message_template == (
            "account/messages/logged_in.txt"
        ):
            return
        super().add_message(request, level, message_template, *args, **kwargs)

    def send_mail(self, template_prefix, email, context):
        # Rendered now, while the request is there; sent by a background task so
        # that a slow or failing mail server never fails the page.
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {
                "request": request,
                "email": email,
                "current_site": get_current_site(request),
                **context,
            },
        )
        html = next(
            (
                body
                for body, kind in getattr(message, "alternatives", [])
                if kind == "text/html"
            ),
            "",
        )
        send_account_mail.enqueue(
            subject=message.subject,
            body=message.body,
            from_email=message.from_email,
            to=list(message.to),
            html=html,
        )
