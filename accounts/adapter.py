import hashlib
import secrets
import time

from allauth.account import app_settings as allauth_account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context as allauth_context
from allauth.core.internal import ratelimit  # as allauth's own pre_authenticate
from django.conf import settings
from django.contrib import messages
from django.contrib.sites.shortcuts import get_current_site
from django.core import signing
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core import mail

from .services import affiliations_confirm_email
from .tasks import send_account_mail

# Set on the request when a new account signs in for the first time.
_WELCOMED = "_accounts_welcomed"

# A browser that signed in to an account before carries this signed cookie for it.
DEVICE_SALT = "accounts.known-device"
DEVICE_MAX_AGE = 365 * 24 * 3600


def _login_digest(login: str) -> str:
    return hashlib.sha256(login.strip().lower().encode()).hexdigest()[:32]


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

    def confirm_email(self, request, email_address):
        # A confirmed work address confirms the claims made with it.
        confirmed = super().confirm_email(request, email_address)
        if confirmed:
            affiliations_confirm_email(email_address=email_address)
        return confirmed

    def pre_authenticate(self, request, **credentials):
        """Failed sign-ins lock an account for 5 minutes after 5 tries
        (ACCOUNT_RATE_LIMITS), except for its owner's known browsers: a browser that
        signed in to the account before counts its failures on its own. Someone
        guessing can lock out every unknown browser, never the owner's own
        (OWASP, "device cookies")."""
        device = self._known_device(request, credentials.get("email", ""))
        if device is None:
            return super().pre_authenticate(request, **credentials)
        account = self._get_login_attempts_cache_key(request, **credentials)
        self._login_failed_rl_usage = ratelimit.consume(
            request,
            app="allauth.account",
            action="login_failed",
            key=f"{account}:device:{device}",
        )
        if not self._login_failed_rl_usage:
            raise self.validation_error("too_many_login_attempts")

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """Not right after signing in: staff sent from the admin to set up their
        second factor would otherwise type the password they just typed again.
        allauth counts only an explicit re-entry as recent; any sign-in within
        ACCOUNT_REAUTHENTICATION_TIMEOUT counts here."""
        request = allauth_context.request
        if request is not None and request.user.is_authenticated:
            records = get_authentication_records(request, request.user)
            timeout = allauth_account_settings.REAUTHENTICATION_TIMEOUT
            if records and time.time() - records[-1]["at"] < timeout:
                return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def _known_device(self, request, login: str) -> str | None:
        value = request.COOKIES.get(settings.DEVICE_COOKIE_NAME)
        if not value or not login:
            return None
        try:
            data = signing.loads(value, salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE)
        except signing.BadSignature:
            return None
        return data.get("device") if data.get("login") == _login_digest(login) else None

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
        response = super().post_login(request, user, **kwargs)
        if user.email and not self._known_device(request, user.email):
            value = signing.dumps(
                {"login": _login_digest(user.email), "device": secrets.token_hex(8)},
                salt=DEVICE_SALT,
            )
            response.set_cookie(
                settings.DEVICE_COOKIE_NAME,
                value,
                max_age=DEVICE_MAX_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    def add_message(self, request, level, message_template=None, *args, **kwargs):
        # The welcome after sign-up says enough; "signed in as …" would repeat it.
        if getattr(request, _WELCOMED, False) and message_template == (
            "account/messages/logged_in.txt"
        ):
            return
        super().add_message(request, level, message_template, *args, **kwargs)

    def save_user(self, request, user, form, commit=True):
        # Notifications later go out in the language the person signed up in.
        user.language = mail.known_language(get_language())
        return super().save_user(request, user, form, commit=commit)

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
