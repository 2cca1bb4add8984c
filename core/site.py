"""The portal's public address (`settings.SITE_URL`, from `DJANGO_SITE_URL`): every link
that leaves the site (e-mails, feeds, PDFs, calendar files) is made here, never from
the host a request happened to name."""

from urllib.parse import urlsplit

from django.conf import settings


def absolute(path: str) -> str:
    """`/foren/…` → `https://www.regiondermitte.de/foren/…`; absolute URLs stay."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.SITE_URL}{path}"


def domain() -> str:
    """The host name of the public address (for Message-IDs)."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"
