from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


class StaffSecondFactorMiddleware:
    """Staff reach the admin only with a second factor (ASVS 6.3.3).

    Without TOTP they are sent to set it up instead of seeing any admin page. allauth
    first asks for the password again (setting up a second factor is a sensitive
    change), then shows the QR code; the reason given here appears on the first of
    these pages. The admin's login itself is allauth's (`secure_admin_login`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path.startswith(reverse("admin:index"))
            and request.user.is_authenticated
            and request.user.is_staff
            and not is_mfa_enabled(request.user)
        ):
            messages.warning(
                request,
                _(
                    "The administration requires two-factor authentication. "
                    "Please set up an authenticator app first."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
