from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core import fulltext, images, markdown
from core.easy_language import EASY_TEXT_FIELDS, EasyLanguageMixin
from core.images import ImageField, validate_image
from core.states import StatesMixin
from core.text import SlugFromTitle, german_slugify

MARKDOWN_HELP = _(
    "Markdown: **bold**, *italic*, [link text](https://example.org), lists with “- ”, "
    "headings with “## ”. HTML is removed."
)


class Category(models.Model):
    """A news category that editors keep, e.g. Projekt, Veranstaltung, Förderung."""

    name = models.CharField(
        _("name"),
        max_length=80,
        unique=True,
        error_messages={"unique": _("A category with this name already exists.")},
    )
    slug = models.SlugField(
        _("address"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("Used in filter links. Leave empty to make it from the name."),
        error_messages={
            "unique": _("A category with this address already exists."),
        },
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Smaller numbers come first.")
    )

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = german_slugify(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{reverse('news:article-list')}?kategorie={self.slug}"

    def clean(self):
        if not self.slug:
            self.slug = german_slugify(self.name)


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """What anyone may read: published, and its publication time (`now`, by
        default the present) has come."""
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__lte=now or timezone.now()
        ).select_related("category", "author")

    def next_publication(self, now):
        """When the next scheduled article appears (for the page cache)."""
        return self.filter(
            status=Article.Status.PUBLISHED, published_at__gt=now
        ).aggregate(models.Min("published_at"))["published_at__min"]

    def for_list(self):
        """Published articles for lists and feeds: without the bodies, which can be long."""
        return self.published().defer("body", "body_html", *EASY_TEXT_FIELDS)

    def visible_to(self, user):
        """Editors see drafts and scheduled articles too (preview); others do not."""
        if can_preview(user):
            return self.select_related("category", "author")
        return self.published()

    def for_home(self, *, limit: int = 4):
        """The home page's news block: featured first, then the newest."""
        return self.for_list().order_by("-featured", "-published_at", "-pk")[:limit]


ArticleManager = fulltext.manager_without_vectors(ArticleQuerySet)


def can_preview(user) -> bool:
    """Staff with news permissions see unpublished articles as readers would."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("news.view_article")
    )


class Article(SlugFromTitle, images.Renditions, EasyLanguageMixin, StatesMixin):
    slug_fallback = "artikel"
    # Addresses under /aktuelles/ that are not articles.
    reserved_slugs = frozenset({"feed"})

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    # Responsive sizes made once on upload; the largest is also the stored original.
    IMAGE_WIDTHS = (480, 960, 1600)

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("address"),
        max_length=220,
        unique=True,
        blank=True,
        help_text=_(
            "The last part of the article's web address, as in "
            "/aktuelles/digitaler-auftakt/. Leave empty to make it from the title; "
            "change it only before publishing, or links to it break."
        ),
        error_messages={
            "unique": _(
                "An article with this address already exists. Please choose "
                "another address."
            ),
        },
    )
    teaser = models.TextField(
        _("teaser"),
        max_length=600,
        help_text=_(
            "One to three sentences for lists, the home page, feeds and search "
            "engines. Plain text."
        ),
    )
    body = models.TextField(_("text"), help_text=MARKDOWN_HELP)
    body_html = models.TextField(editable=False, default="")
    # For the English interface (/en/): title and teaser may have an English
    # version; the text stays German, marked as German (as pages do, pages/models.py).
    title_en = models.CharField(
        _("title in English"),
        max_length=200,
        blank=True,
        help_text=_("Optional: shown in the English interface instead of the title."),
    )
    teaser_en = models.TextField(
        _("teaser in English"),
        max_length=600,
        blank=True,
        help_text=_("Optional, plain text."),
    )
    image = ImageField(
        _("image"),
        upload_to="news/",
        blank=True,
        validators=[validate_image],
        width_field="image_width",
        height_field="image_height",
        help_text=_(
            "JPEG, PNG, WebP or GIF. It is re-encoded, its metadata (EXIF, location) "
            "is removed and smaller sizes are made for phones."
        ),
    )
    image_width = models.PositiveIntegerField(null=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, editable=False)
    image_alt = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_(
            "Required with an image: what the image shows, for people who cannot "
            "see it."
        ),
    )
    # [{"width", "height", "name", "size"}, …] smallest first; made by the service.
    image_renditions = models.JSONField(default=list, editable=False)
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        related_name="articles",
        verbose_name=_("category"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("author"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty to publish right away when the status is “published”. "
            "A time in the future schedules the article: it appears by itself then."
        ),
    )
    featured = models.BooleanField(
        _("featured"),
        default=False,
        help_text=_("Featured articles come first on the home page."),
    )
    related_documents = models.ManyToManyField(
        "documents.Document",
        blank=True,
        related_name="articles",
        verbose_name=_("related documents"),
        help_text=_("Listed below the article (only published documents are shown)."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # Full-text search (search/): words, the title's words, and pairs of
    # neighbouring words for quoted phrases. Filled by a PostgreSQL trigger
    # (migration 0003), whatever writes the row; empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False, serialize=False)
    title_vector = SearchVectorField(null=True, editable=False, serialize=False)
    phrase_vector = SearchVectorField(null=True, editable=False, serialize=False)

    objects = ArticleManager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-pk"]
        indexes = [
            # Lists and feeds: published, newest first (read backwards), ties by id.
            models.Index(
                fields=["status", "published_at", "id"], name="news_article_list_idx"
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.fill_slug()
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        self.body_html = markdown.render(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:article-detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = self.slug_errors()
        if self.image and not self.image_alt.strip():
            errors["image_alt"] = _(
                "Please describe the image in a few words (alternative text) for "
                "people who cannot see it."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_published(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    def _in_interface_language(self, german: str, english: str) -> tuple[str, str]:
        """(text, lang): the English version in the English interface where there is
        one, else the German text, with "de" where the interface is not German."""
        if get_language() != "en":
            return german, ""
        return (english, "") if english.strip() else (german, "de")

    @property
    def shown_title(self) -> str:
        return self._in_interface_language(self.title, self.title_en)[0]

    @property
    def title_lang(self) -> str:
        return self._in_interface_language(self.title, self.title_en)[1]

    @property
    def shown_teaser(self) -> str:
        return self._in_interface_language(self.teaser, self.teaser_en)[0]

    @property
    def teaser_lang(self) -> str:
        return self._in_interface_language(self.teaser, self.teaser_en)[1]

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )
