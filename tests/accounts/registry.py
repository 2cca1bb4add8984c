"""Accounts (our views and allauth's) in the quality gates."""

from django.urls import reverse

from tests.registry import PageType, UrlRule, everyone


def url(name: str):
    return lambda: reverse(name)


def no_kwargs() -> dict:
    return {}


def email_confirmation() -> str:
    """The page the link in the verification mail opens (confirming takes a POST)."""
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC

    from tests import factories

    address = EmailAddress.objects.get(user=factories.user(verified=False))
    return reverse("account_confirm_email", args=[EmailConfirmationHMAC(address).key])


def affiliations_page() -> str:
    """One's affiliations (the signed-in reader has none) beside someone's
    confirmed one in the directory the claim form lists."""
    from tests import factories

    factories.affiliation(at=factories.organisation("Gemeinde Breuna"))
    return reverse("accounts:affiliations")


def someone_elses_affiliation() -> dict:
    from tests import factories

    return {"pk": factories.affiliation().pk}


def own_affiliation(user) -> dict:
    """The user's own; someone else's for those who cannot claim (anonymous, an
    address not confirmed)."""
    from tests import factories

    if user is None or not user.has_verified_email:
        return someone_elses_affiliation()
    return {"pk": factories.affiliation(user).pk}


def pending_claim() -> dict:
    from tests import factories

    return {"pk": factories.affiliation(verify=False).pk}


PAGE_TYPES = [
    # Forms set the CSRF cookie; signed-in people are sent on from them.
    PageType("login", url("account_login"), signed_in=False, sets_cookie=True),
    PageType("signup", url("account_signup"), signed_in=False, sets_cookie=True),
    PageType(
        "password reset",
        url("account_reset_password"),
        signed_in=False,
        sets_cookie=True,
    ),
    PageType("password reset sent", url("account_reset_password_done")),
    PageType(
        "verification sent", url("account_email_verification_sent"), signed_in=False
    ),
    # Signed in only.
    PageType("profile", url("accounts:profile"), signed_out=False),
    PageType("e-mail addresses", url("account_email"), signed_out=False),
    PageType("password change", url("account_change_password"), signed_out=False),
    PageType("two-factor overview", url("mfa_index"), signed_out=False),
    PageType("two-factor setup", url("mfa_activate_totp"), signed_out=False),
    PageType("password confirmation", url("account_reauthenticate"), signed_out=False),
    PageType("sign-out confirmation", url("account_logout"), signed_out=False),
    PageType("account deletion", url("accounts:delete"), signed_out=False),
    PageType("my data", url("accounts:data"), signed_out=False),
    PageType("notification settings", url("notification-settings"), signed_out=False),
    PageType("affiliations", affiliations_page, signed_out=False, sets_cookie=True),
    PageType(
        "e-mail confirmation", email_confirmation, signed_in=False, sets_cookie=True
    ),
]

# Anonymous people are sent to the login; everyone signed in may.
SIGNED_IN = everyone(200, anonymous=302)

URL_RULES = [
    UrlRule("accounts:profile", no_kwargs, SIGNED_IN),
    UrlRule("accounts:data", no_kwargs, SIGNED_IN),
    UrlRule("notification-settings", no_kwargs, SIGNED_IN),
    UrlRule("accounts:affiliations", no_kwargs, SIGNED_IN),
    # Changing or ending an affiliation: a POST, one's own only.
    UrlRule(
        "accounts:affiliation-end",
        someone_elses_affiliation,
        everyone(405, anonymous=302),
    ),
    UrlRule(
        "accounts:affiliation-end",
        someone_elses_affiliation,
        everyone(404, anonymous=302),
        method="post",
    ),
    UrlRule(
        "accounts:affiliation-end",
        own_affiliation,
        everyone(302, unverified=404),
        method="post",
    ),
    UrlRule(
        "accounts:affiliation-settings",
        someone_elses_affiliation,
        everyone(405, anonymous=302),
    ),
    UrlRule(
        "accounts:affiliation-settings",
        someone_elses_affiliation,
        everyone(404, anonymous=302),
        method="post",
    ),
    UrlRule(
        "accounts:affiliation-settings",
        own_affiliation,
        everyone(302, unverified=404),
        method="post",
        data={"public": "on"},
    ),
    # The review queue: the editors (and colleagues confirmed at the organisation).
    UrlRule(
        "accounts:affiliation-review-list",
        no_kwargs,
        everyone(403, anonymous=302, editor=200, admin=200),
    ),
    UrlRule(
        "accounts:affiliation-review",
        pending_claim,
        everyone(404, anonymous=302, editor=200, admin=200),
    ),
    UrlRule("accounts:delete", no_kwargs, SIGNED_IN),
    UrlRule("accounts:data-export", no_kwargs, SIGNED_IN, method="post"),
    # The download is a POST only: a link cannot trigger it.
    UrlRule("accounts:data-export", no_kwargs, everyone(405, anonymous=302)),
    # allauth: a few rules for what the portal relies on.
    UrlRule("account_login", no_kwargs, everyone(302, anonymous=200)),
    UrlRule("account_signup", no_kwargs, everyone(302, anonymous=200)),
    UrlRule("account_reset_password", no_kwargs, everyone(200)),
    UrlRule("account_email", no_kwargs, SIGNED_IN),
    UrlRule("account_change_password", no_kwargs, SIGNED_IN),
    UrlRule("mfa_index", no_kwargs, SIGNED_IN),
    # GET only asks; signing out takes a POST.
    UrlRule("account_logout", no_kwargs, SIGNED_IN),
]
