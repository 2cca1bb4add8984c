"""Documents residents download: the SREK, the regional analysis, toolbox items, minutes.

The file is checked and its metadata (type, size, pages, cover, text) derived once, on
upload, by `documents.services.document_ingest`; pages only read the stored values.
"""

import datetime
import re
import uuid

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core import fulltext, markdown
from core.easy_language import EasyLanguageMixin
from core.states import StatesMixin
from core.text import SlugFromTitle

MARKDOWN_HELP = _(
    "Markdown: **bold**, *italic*, [link text](https://example.org), lists with “- ”, "
    "headings with “## ”. HTML is removed."
)


class Category(models.TextChoices):
    # The values are the German words of the filter (?kategorie=werkzeugkasten).
    SREK = "srek", pgettext_lazy("document category", "SREK")
    REGIONAL_ANALYSIS = (
        "regionalanalyse",
        pgettext_lazy("document category", "Regional analysis"),
    )
    TOOLBOX = "werkzeugkasten", pgettext_lazy("document category", "Toolbox")
    MINUTES = "protokoll", pgettext_lazy("document category", "Minutes")
    PRESENTATION = "praesentation", pgettext_lazy("document category", "Presentation")
    OTHER = "sonstiges", pgettext_lazy("document category", "Other documents")


class FileType(models.TextChoices):
    """The allow-list of file types, judged by the bytes. The value is the extension."""

    PDF = "pdf", "PDF"
    DOCX = "docx", _("Word document (DOCX)")
    XLSX = "xlsx", _("Excel spreadsheet (XLSX)")
    PPTX = "pptx", _("PowerPoint presentation (PPTX)")
    ODT = "odt", _("OpenDocument text (ODT)")
    ODS = "ods", _("OpenDocument spreadsheet (ODS)")
    ODP = "odp", _("OpenDocument presentation (ODP)")
    PNG = "png", _("PNG image")
    JPEG = "jpg", _("JPEG image")


MIME_TYPES = {
    FileType.PDF: "application/pdf",
    FileType.DOCX: (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    FileType.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileType.PPTX: (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    ),
    FileType.ODT: "application/vnd.oasis.opendocument.text",
    FileType.ODS: "application/vnd.oasis.opendocument.spreadsheet",
    FileType.ODP: "application/vnd.oasis.opendocument.presentation",
    FileType.PNG: "image/png",
    FileType.JPEG: "image/jpeg",
}

# Short names for lists ("PDF, 2,4 MB"); the long label is for the detail page.
SHORT_TYPE_NAMES = {
    FileType.PDF: "PDF",
    FileType.DOCX: "DOCX",
    FileType.XLSX: "XLSX",
    FileType.PPTX: "PPTX",
    FileType.ODT: "ODT",
    FileType.ODS: "ODS",
    FileType.ODP: "ODP",
    FileType.PNG: "PNG",
    FileType.JPEG: "JPEG",
}


class DocumentQuerySet(models.QuerySet):
    def published(self, now=None):
        """What anonymous readers may see: published, and not dated after the day of
        `now` (by default the present)."""
        return self.filter(
            status=Document.Status.PUBLISHED,
            published_on__lte=timezone.localdate(now),
        )

    def next_publication(self, now):
        """The start of the day of the next document dated in the future (for the
        page cache)."""
        day = self.filter(
            status=Document.Status.PUBLISHED,
            published_on__gt=timezone.localdate(now),
        ).aggregate(models.Min("published_on"))["published_on__min"]
        if day is None:
            return None
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))

    def visible_to(self, user):
        """Editors see drafts too (to check them before publishing); others do not."""
        if can_preview(user):
            return self.all()
        return self.published()

    def current(self, now=None):
        """Versions that no newer version published by `now` replaces."""
        return self.filter(~Exists(_published_successor(now)))

    def with_replaced(self):
        """Annotates `is_replaced`: a published newer version exists."""
        return self.annotate(is_replaced=Exists(_published_successor()))

    def for_list(self):
        """The columns a list entry shows, newest first; the long text stays behind."""
        return self.only(*LIST_FIELDS).with_replaced().order_by("-published_on", "-pk")

    def current_srek(self) -> "Document | None":
        """The SREK: the newest published, current document flagged as featured."""
        return (
            self.published()
            .current()
            .filter(category=Category.SREK, featured=True)
            .defer("text")
            .order_by("-published_on", "-pk")
            .first()
        )


DocumentManager = fulltext.manager_without_vectors(
    DocumentQuerySet, ("search_vector", "title_vector")
)


def can_preview(user) -> bool:
    """Staff who may see documents in the admin see unpublished ones on the site too."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("documents.view_document")
    )


def _published_successor(now=None):
    return Document.objects.published(now).filter(replaces=OuterRef("pk"))


# The columns a list entry needs: the extracted text can be long, leave it behind.
LIST_FIELDS = [
    "title",
    "slug",
    "category",
    "state_he",
    "state_ni",
    "state_nw",
    "published_on",
    "version_label",
    "featured",
    "status",
    "file_type",
    "file_size",
    "page_count",
    "thumbnail",
    "thumbnail_width",
    "thumbnail_height",
    "replaces_id",
    "has_easy_text",
]


def _document_path(instance, filename):
    # The service already gave the file a generated name; keep only that.
    return f"documents/{filename}"


def _cover_path(instance, filename):
    return f"documents/covers/{filename}"


class Document(SlugFromTitle, EasyLanguageMixin, StatesMixin):
    slug_fallback = "dokument"

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("address"),
        max_length=200,
        unique=True,
        blank=True,
        help_text=_(
            "The last part of the document's web address, as in "
            "/dokumente/srek-2023/. Leave empty to make it from the title; "
            "change it only before publishing, or links to it break."
        ),
        error_messages={
            "unique": _(
                "A document with this address already exists. Please choose "
                "another address."
            ),
        },
    )
    description = models.TextField(
        _("description"), blank=True, help_text=MARKDOWN_HELP
    )
    description_html = models.TextField(editable=False, default="")
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, db_index=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_on = models.DateField(
        _("publication date"),
        default=timezone.localdate,
        db_index=True,
        help_text=_("A date in the future keeps the document hidden until that day."),
    )
    version_label = models.CharField(
        _("version"),
        max_length=50,
        blank=True,
        help_text=_("e.g. “2nd edition, March 2024”"),
    )
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaced_by",
        help_text=_(
            "The older version this document supersedes. Once this document is "
            "published, the older one is marked as replaced."
        ),
    )
    # All versions of one document share a series; one query lists them all.
    series = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    featured = models.BooleanField(
        _("featured"),
        default=False,
        help_text=_(
            "A featured SREK is shown on the home page and at /srek/ (the newest "
            "published one, if several are featured)."
        ),
    )

    # The file and what is derived from it on upload.
    file = models.FileField(_("file"), upload_to=_document_path, max_length=255)
    original_filename = models.CharField(
        _("original file name"), max_length=255, editable=False
    )
    file_type = models.CharField(
        _("file type"), max_length=10, choices=FileType.choices, editable=False
    )
    file_size = models.PositiveBigIntegerField(_("size in bytes"), editable=False)
    page_count = models.PositiveIntegerField(_("pages"), null=True, editable=False)
    cover = models.ImageField(
        _("cover image"),
        upload_to=_cover_path,
        max_length=200,
        blank=True,
        editable=False,
        width_field="cover_width",
        height_field="cover_height",
    )
    cover_width = models.PositiveIntegerField(null=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, editable=False)
    thumbnail = models.ImageField(
        _("thumbnail"),
        upload_to=_cover_path,
        max_length=200,
        blank=True,
        editable=False,
        width_field="thumbnail_width",
        height_field="thumbnail_height",
    )
    thumbnail_width = models.PositiveIntegerField(null=True, editable=False)
    thumbnail_height = models.PositiveIntegerField(null=True, editable=False)
    text = models.TextField(_("extracted text"), blank=True, editable=False)

    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # Full-text search (search/): title and description, for ranking and title
    # hits, filled by a PostgreSQL trigger (migration 0003) whatever writes the
    # row; the text is searched in passages (below). Empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False, serialize=False)
    title_vector = SearchVectorField(null=True, editable=False, serialize=False)

    objects = DocumentManager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-published_on", "-pk"]
        indexes = [models.Index(fields=["status", "published_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(replaces=models.F("pk")),
                name="documents_document_not_replacing_itself",
            )
        ]

    def __str__(self):
        if self.version_label:
            return f"{self.title} ({self.version_label})"
        return self.title

    def clean(self):
        self.fill_slug()
        # A version chain runs one way: no document may (indirectly) replace itself.
        seen = {self.pk}
        older = self.replaces if self.replaces_id else None
        while older is not None:
            if older.pk in seen:
                raise ValidationError(
                    {
                        "replaces": _(
                            "A document cannot replace itself or a newer version of it."
                        )
                    }
                )
            seen.add(older.pk)
            older = older.replaces

    def save(self, *args, **kwargs):
        self.fill_slug()
        self.description_html = markdown.render(self.description)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documents:document-detail", kwargs={"slug": self.slug})

    def get_download_url(self):
        return reverse("documents:document-download", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_on <= timezone.localdate()
        )

    @property
    def mime_type(self) -> str:
        return MIME_TYPES.get(self.file_type, "application/octet-stream")

    @property
    def short_type(self) -> str:
        return SHORT_TYPE_NAMES.get(self.file_type, self.file_type.upper())

    @property
    def download_name(self) -> str:
        """The name a reader's browser saves the file under: the title, not the upload's.

        The original name may be "SREK_final_v3_neu.pdf"; the title says what it is.
        Umlauts stay (the header encodes them per RFC 5987); path and control
        characters go.
        """
        stem = f"{self.title} {self.version_label}".strip()
        stem = re.sub(r"[^\w\s.,()\-]", "-", stem)
        stem = re.sub(r"\s+", " ", stem).strip(" .-") or "Dokument"
        return f"{stem[:150]}.{self.file_type}"


class Passage(models.Model):
    """About 2,000 characters of a document's extracted text, indexed for search.

    PostgreSQL triggers (migration 0003) cut the text into passages whenever a
    document is written, and index each with the document's title and description.
    A long PDF is searched piece by piece: ranking, phrase checks and snippets read a
    few kilobytes instead of the whole text. The table is PostgreSQL's search index,
    made and kept by the database (not part of backups); on SQLite it does not exist.
    """

    document = models.ForeignKey(
        Document,
        on_delete=models.DO_NOTHING,  # a trigger deletes the passages
        db_constraint=False,
        related_name="passages",
        verbose_name=_("document"),
    )
    number = models.PositiveIntegerField(_("number"))
    text = models.TextField(_("text"))
    search_vector = SearchVectorField(null=True)
    phrase_vector = SearchVectorField(null=True)

    class Meta:
        managed = False
        db_table = "documents_passage"
        verbose_name = _("text passage")
        verbose_name_plural = _("text passages")
        ordering = ["document", "number"]

    def __str__(self):
        return f"{self.document_id} #{self.number}"


class DownloadCount(models.Model):
    """How often a document was downloaded on a day. Nothing about who downloaded it."""

    document = models.ForeignKey(
        Document,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="download_counts",
    )
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("download count")
        verbose_name_plural = _("download counts")
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "day"], name="documents_downloadcount_one_per_day"
            )
        ]

    def __str__(self):
        return f"{self.document_id} {self.day}: {self.count}"
