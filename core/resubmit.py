"""What a person sent, kept when the form could not be taken (an expired CSRF token, a
server error, a database that did not answer), so that nothing they typed is lost.

The error page shows the form again: text fields as text areas, the other fields as
hidden inputs, a fresh CSRF token, the same address. Secrets (passwords, codes, tokens)
and files are never echoed back.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# Field names whose values are never shown again.
SECRET = re.compile(r"pass|token|secret|otp|code|csrf", re.IGNORECASE)
# A value this long or with a line break was typed into a text area.
TEXT_LENGTH = 80


@dataclass(frozen=True)
class KeptField:
    name: str
    value: str
    is_text: bool


def kept_fields(request) -> list[KeptField]:
    """The fields of a POST worth sending again; empty when it held no typed text."""
    if request.method != "POST":
        return []
    try:
        items = [
            (name, value)
            for name, values in request.POST.lists()
            for value in values
            if not SECRET.search(name)
        ]
    except Exception:  # an unreadable body (too large, broken): nothing to keep
        return []
    fields = [
        KeptField(name, value, "\n" in value or len(value) >= TEXT_LENGTH)
        for name, value in items
    ]
    return fields if any(field.is_text for field in fields) else []


def same_origin(request) -> bool:
    """Whether the POST came from a page of this site (Origin, else Referer).

    A form sent from another site is never offered for sending again: the fresh token
    would turn someone else's forged request into one the reader sends with a click.
    """
    try:
        own = f"{request.scheme}://{request.get_host()}"
    except Exception:
        return False
    origin = request.META.get("HTTP_ORIGIN")
    if origin:
        return origin == own
    referer = urlsplit(request.META.get("HTTP_REFERER", ""))
    return f"{referer.scheme}://{referer.netloc}" == own
