"""Leichte Sprache ("Easy Language") next to content written in standard German.

Articles, documents, events and editor pages may carry an optional text in Leichte
Sprache (rules of the Netzwerk Leichte Sprache). Where one exists, the page shows it as
a block of its own, lists mark the entry, and every list can be narrowed to such
entries. `has_easy_text` is derived in `save()` so lists can mark and filter entries
without loading the text itself.
"""

import django_filters
from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import markdown

# Columns a list leaves behind (lists read only `has_easy_text`).
EASY_TEXT_FIELDS = ("easy_text", "easy_text_html")


class EasyLanguageMixin(models.Model):
    easy_text = models.TextField(
        _("in Easy Language"),
        blank=True,
        help_text=_(
            "Optional: the content in Easy Language (Leichte Sprache): short sentences, "
            "one statement a sentence, no abbreviations, long words separated with a "
            "hyphen or a middle dot (Bürger·meister). Lists with “- ”. Markdown."
        ),
    )
    easy_text_html = models.TextField(editable=False, default="")
    has_easy_text = models.BooleanField(editable=False, default=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.easy_text_html = markdown.render(self.easy_text, line_breaks=True)
        self.has_easy_text = bool(self.easy_text.strip())
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "easy_text" in update_fields:
            kwargs["update_fields"] = {
                *update_fields,
                "easy_text_html",
                "has_easy_text",
            }
        super().save(*args, **kwargs)


class EasyLanguageFilter(django_filters.BooleanFilter):
    """The lists' check box "only with Easy Language" (parameter `leichte_sprache=ja`)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Only with Easy Language"))
        kwargs.setdefault("widget", forms.CheckboxInput(attrs={"value": "ja"}))
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        return qs.filter(has_easy_text=True) if value else qs
