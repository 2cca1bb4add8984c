"""Archive mode: one place decides what the public may still write.

While archive mode is on (`Archive.objects.current()`), every request passes
`ArchiveMiddleware`: a POST (or any other writing method) to a view whose URL name is
not on `WRITABLE` is refused with the archive note and status 403, before the view
runs. The same decision feeds the templates: `archive_closed` is true on pages whose
forms the public can no longer send, and the form templates show
`includes/_archive_note.html` instead of the form. Staff are not affected: they
still edit and publish (a closing article, corrections), in the admin and on the site.

What stays writable is what people already have: signing in and out, passwords and
two-factor, their profile and e-mail address, data export, account deletion, unfollowing and
unsubscribing, cancelling an event registration, and moderators' corrections.
Downloads are GET requests and never blocked.
"""

from django.shortcuts import render

from core import mail

from .models import Archive

# URL names (namespace:name) whose forms keep working in archive mode.
WRITABLE = frozenset(
    {
        "account_login",
        "account_logout",
        "account_reauthenticate",
        "account_confirm_login_code",
        "account_change_password",
        "account_set_password",
        "account_reset_password",
        "account_reset_password_done",
        "account_reset_password_from_key",
        "account_reset_password_from_key_done",
        "account_email",
        "account_confirm_email",
        "mfa_index",
        "mfa_authenticate",
        "mfa_reauthenticate",
        "mfa_activate_totp",
        "mfa_deactivate_totp",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "accounts:profile",
        "accounts:data",
        "accounts:data-export",
        "accounts:delete",
        "forums:unsubscribe",
        "notification-settings",
        "newsletter:unsubscribe",
        "forums:topic-unfollow",
        "forums:forum-unfollow",
        "forums:topic-moderate",
        "forums:post-moderate",
        "forums:report-resolve",
        "events:unregister",
        "events:registration-cancel",
        "documents:document-download",
    }
)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def is_writable(request) -> bool:
    """Whether this request's forms still work in archive mode."""
    if request.path.startswith("/admin/"):
        return True
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        return True
    match = request.resolver_match
    return match is not None and match.view_name in WRITABLE


def closed(request) -> bool:
    """True while archive mode is on and this request may not write."""
    return Archive.objects.current() is not None and not is_writable(request)


class ArchiveMiddleware:
    """Refuses every public write in archive mode with the note and a 403."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method in SAFE_METHODS or not closed(request):
            return None
        return render(request, "pages/archive_closed.html", status=403)


def mail_gate(category: str) -> bool:
    """core.mail's rule: in archive mode only account mails and the final notice."""
    if category in (mail.ACCOUNT, mail.FINAL_NOTICE):
        return True
    return Archive.objects.current() is None
