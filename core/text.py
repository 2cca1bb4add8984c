"""Text helpers every app needs: German slugs, unique slugs, phone numbers as links."""

import phonenumbers
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

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


class SlugFromTitle:
    """For a model whose address (`slug`) is made from its `title` unless an editor
    gives one: numbered when taken, never one of the app's own addresses.

    `save()` calls `fill_slug()`; `clean()` adds `slug_errors()` to its own.
    """

    slug_fallback = "eintrag"  # when the title has no letter to make one of
    reserved_slugs: frozenset[str] = frozenset()  # the app's own addresses ("feed")

    def fill_slug(self) -> None:
        if not self.slug and self.title:
            self.slug = unique_slug(
                type(self),
                self.title,
                fallback=self.slug_fallback,
                max_length=self._meta.get_field("slug").max_length,
                reserved=self.reserved_slugs,
                exclude_pk=self.pk,
            )

    def slug_errors(self) -> dict:
        self.fill_slug()
        if self.slug in self.reserved_slugs:
            return {"slug": _("This address is reserved. Please choose another one.")}
        return {}


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
