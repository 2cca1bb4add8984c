"""Text helpers every app needs: German slugs, unique slugs, phone numbers as links."""

import phonenumbers
from django.utils.text import slugify

# German umlauts spelt out the German way, not dropped ("Förderung" → "foerderung").
_GERMAN_LETTERS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def german_slugify(text: str, *, max_length: int = 80) -> str:
    """A readable address part: "Förderung für Straßen" → "foerderung-fuer-strassen"."""
    return slugify((text or "").translate(_GERMAN_LETTERS))[:max_length].strip("-")


def unique_slug(
    queryset,
    text: str,
    *,
    fallback: str,
    max_length: int = 80,
    reserved: frozenset[str] | set[str] = frozenset(),
    exclude_pk=None,
) -> str:
    """`german_slugify(text)` (or `fallback`), numbered "-2", "-3", … when a row of
    `queryset` (a model or a QuerySet) or a `reserved` word has it already."""
    queryset = getattr(queryset, "_default_manager", queryset)
    # Room for a number, so that a long title numbered stays within the column.
    base = german_slugify(text, max_length=max_length - 4) or fallback
    taken = set(reserved) | set(
        queryset.exclude(pk=exclude_pk)
        .filter(slug__startswith=base)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def phone_e164(number: str) -> str:
    """A number as people write it ("0 56 92 / 99 777 - 14", "+49 (0) 5692 …") in the
    international form "+4956929977714"; German when it has no country code. What is
    not a phone number comes back as its digits."""
    try:
        parsed = phonenumbers.parse(number or "", "DE")
    except phonenumbers.NumberParseException:
        return "".join(char for char in number or "" if char.isdigit() or char == "+")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def tel_uri(number: str) -> str:
    """A phone number as a `tel:` link (RFC 3966)."""
    return f"tel:{phone_e164(number)}"
