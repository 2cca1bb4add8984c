"""Password rules beyond Django's: not the site's own name, not one character repeated."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def _letters(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


class SiteWordsValidator:
    """Refuses passwords built on words anyone guesses first on this site: its name,
    its address, its operator ("Region der Mitte", "regiondermitte",
    "Region Kassel-Land"), however written (spaces, hyphens, capitals)."""

    def __init__(self, words=("Region der Mitte", "Region Kassel-Land")):
        self.words = {_letters(word) for word in words if _letters(word)}

    def validate(self, password, user=None):
        letters = _letters(password)
        if any(word in letters for word in self.words):
            raise ValidationError(
                _(
                    "The password must not contain the name of this site or its operator."
                ),
                code="password_site_word",
            )

    def get_help_text(self):
        return _("It must not contain the name of this site or its operator.")


class RepetitionValidator:
    """Refuses passwords of one or two characters repeated ("aaaaaaaaaaaa", "abababab")."""

    def __init__(self, min_distinct: int = 3):
        self.min_distinct = min_distinct

    def validate(self, password, user=None):
        if len(set(password)) < self.min_distinct:
            raise ValidationError(
                _("The password repeats too few characters. Please use more variety."),
                code="password_repetitive",
            )

    def get_help_text(self):
        return _("It must not be a single character (or two) repeated.")
