from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from core import markdown
from core.easy_language import EasyLanguageMixin
from core.images import ImageField, validate_image
from core.text import tel_uri

from .videos import (
    captions_path,
    poster_path,
    validate_captions,
    validate_video,
    video_path,
)

MARKDOWN_HELP = _(
    "Markdown: **bold**, *italic*, [link text](https://example.org), lists with “- ”, "
    "headings with “## ”. HTML is removed."
)


# The page of explanations in Leichte Sprache (BITV 2.0 § 4), linked from every header.
EASY_LANGUAGE_SLUG = "leichte-sprache"


class Page(EasyLanguageMixin):
    """A page that editors keep: Projekt, Impressum, Datenschutz and the like."""

    slug = models.SlugField(
        _("address"),
        unique=True,
        help_text=_("The page's web address, as in /impressum/."),
    )
    title = models.CharField(_("title"), max_length=200)
    teaser = models.TextField(
        _("teaser"), blank=True, help_text=_("Short text for the home page (Markdown).")
    )
    body = models.TextField(_("text"), help_text=MARKDOWN_HELP)
    teaser_html = models.TextField(editable=False, default="")
    body_html = models.TextField(editable=False, default="")
    # The English version for /en/ (optional, field by field; what is missing shows
    # the German text, marked as German). Two languages and three fields: plain
    # columns, as django-modeltranslation would add, without patching managers.
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    teaser_en = models.TextField(
        _("teaser in English"), blank=True, help_text=_("Optional, Markdown.")
    )
    body_en = models.TextField(
        _("text in English"), blank=True, help_text=_("Optional, Markdown.")
    )
    teaser_en_html = models.TextField(editable=False, default="")
    body_en_html = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.teaser_html = markdown.render(self.teaser)
        self.teaser_en_html = markdown.render(self.teaser_en)
        self.body_en_html = markdown.render(self.body_en)
        if kwargs.get("update_fields") is not None:
            # update_or_create() saves only the fields it was given.
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                *("teaser_html", "body_html", "teaser_en_html", "body_en_html"),
            }
        # Leichte Sprache puts one sentence on each line.
        self.body_html = markdown.render(
            self.body, line_breaks=self.slug == EASY_LANGUAGE_SLUG
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("pages:page-detail", kwargs={"slug": self.slug})

    @property
    def shown(self) -> "PageText":
        """The page as the current interface language shows it."""
        english = get_language() == "en"

        def pick(german: str, translated: str) -> tuple[str, str]:
            if not english:
                return german, ""
            return (translated, "") if translated.strip() else (german, "de")

        title, title_lang = pick(self.title, self.title_en)
        teaser_html, teaser_lang = pick(self.teaser_html, self.teaser_en_html)
        body_html, body_lang = pick(self.body_html, self.body_en_html)
        return PageText(
            title, title_lang, teaser_html, teaser_lang, body_html, body_lang
        )


@dataclass(frozen=True)
class PageText:
    """A page's texts in the interface's language where there is a version in it;
    each `*_lang` names the language of a text that is not ("de"), else is empty."""

    title: str
    title_lang: str
    teaser_html: str
    teaser_lang: str
    body_html: str
    body_lang: str


class SignLanguageVideo(models.Model):
    """One explanation in Deutsche Gebärdensprache on /gebaerdensprache/: a video the
    portal serves itself, with captions, a poster and a text transcript."""

    position = models.PositiveSmallIntegerField(
        _("position"), default=1, help_text=_("Videos are shown in this order.")
    )
    title = models.CharField(_("title"), max_length=200)
    video = models.FileField(
        _("video"),
        upload_to=video_path,
        max_length=255,
        validators=[validate_video],
        help_text=_("MP4 or WebM, checked by its content."),
    )
    captions = models.FileField(
        _("captions"),
        upload_to=captions_path,
        max_length=255,
        validators=[validate_captions],
        help_text=_("Captions in German as a WebVTT file (.vtt)."),
    )
    poster = ImageField(
        _("poster image"),
        upload_to=poster_path,
        max_length=255,
        validators=[validate_image],
        help_text=_("Shown before the video plays. JPEG, PNG, WebP or GIF."),
    )
    transcript = models.TextField(
        _("transcript"),
        help_text=_("What the video says, as text (Markdown)."),
    )
    transcript_html = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("sign-language video")
        verbose_name_plural = _("sign-language videos")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.transcript_html = markdown.render(self.transcript)
        super().save(*args, **kwargs)

    @property
    def video_type(self) -> str:
        return "video/webm" if self.video.name.endswith(".webm") else "video/mp4"


class Goal(models.Model):
    """One of the project's four goals; on the home page, each leads to its space."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    link = models.CharField(
        _("link"), max_length=200, help_text=_("A path on this site, e.g. /foren/.")
    )
    link_text = models.CharField(_("link text"), max_length=100)

    class Meta:
        verbose_name = _("project goal")
        verbose_name_plural = _("project goals")
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.title}"


class OperatorQuerySet(models.QuerySet):
    def current(self) -> "Operator | None":
        """The operator shown in every footer (see `site_state`)."""
        return site_state()[0]


class Operator(models.Model):
    """Who runs the portal (Impressum, footer). One row."""

    name = models.CharField(_("name"), max_length=200)
    project = models.CharField(_("project name"), max_length=200)
    tagline = models.CharField(
        _("tagline"),
        max_length=300,
        blank=True,
        help_text=_("One sentence under the project name on the home page."),
    )
    street = models.CharField(_("street"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=10)
    city = models.CharField(_("city"), max_length=100)
    phone = models.CharField(_("phone"), max_length=50)
    email = models.EmailField(_("e-mail"))
    website = models.URLField(_("website"))
    representative = models.CharField(
        _("represented by"),
        max_length=200,
        blank=True,
        help_text=_("Board members who represent the association (Impressum)."),
    )
    register = models.CharField(
        _("register entry"),
        max_length=200,
        blank=True,
        help_text=_("e.g. Vereinsregister, Amtsgericht Kassel, VR 1234"),
    )
    funding_notice = models.TextField(
        _("funding notice"), help_text=_("Shown in the footer of every page.")
    )

    objects = OperatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("operator")
        verbose_name_plural = _("operator")

    def __str__(self):
        return self.name

    @property
    def phone_uri(self) -> str:
        return tel_uri(self.phone)


class ArchiveQuerySet(models.QuerySet):
    def current(self) -> "Archive | None":
        """The archive state when archive mode is on, else None (see `site_state`)."""
        return site_state()[1]


# The operator and the archive state, read together on every page.
SITE_KEY = "pages:site"


def site_state() -> tuple["Operator | None", "Archive | None"]:
    """The operator (every footer) and the archive state while archive mode is on
    (every page's banner and forms, the middleware, mail). Read for every page
    rendered, so cached, under one key (one round trip, not two), and forgotten when
    either changes (pages/signals.py)."""
    state = cache.get(SITE_KEY)
    if state is None:
        state = (
            Operator.objects.first(),
            Archive.objects.filter(active=True).first(),
        )
        cache.set(SITE_KEY, state, 3600)
    return state


class Archive(models.Model):
    """Archive mode: the project has ended and the portal is kept as an archive.

    One row. While it is on, every page shows the banner, the public writes nothing
    new (pages/archive.py), and only account mails and the final notice go out.
    """

    active = models.BooleanField(
        _("archive mode is on"),
        default=False,
        help_text=_(
            "Shows the banner on every page, replaces the public forms by a note "
            "and stops all mail except account mails and the final notice."
        ),
    )
    since = models.DateField(_("archive since"))
    banner = models.TextField(
        _("banner text"),
        help_text=_("Shown on every page, under the sentence with the date."),
    )
    successor_name = models.CharField(
        _("successor contact"),
        max_length=200,
        help_text=_("Who answers questions now, e.g. Region Kassel-Land e.V."),
    )
    successor_url = models.CharField(
        _("successor link"),
        max_length=300,
        help_text=_("A web address (https://…) or mailto:address."),
    )
    notice_subject = models.CharField(
        _("final notice: subject"),
        max_length=200,
        blank=True,
        help_text=_("The one last e-mail to followers, sent from the list's action."),
    )
    notice_text = models.TextField(
        _("final notice: text"),
        blank=True,
        help_text=_("Plain text; the greeting and the link to the archive are added."),
    )
    final_notice_sent_at = models.DateTimeField(
        _("final notice sent"), null=True, blank=True, editable=False
    )

    objects = ArchiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("archive mode")
        verbose_name_plural = _("archive mode")

    def __str__(self):
        return str(_("Archive mode"))

    def clean(self):
        if not self.successor_url.startswith(("https://", "http://", "mailto:", "/")):
            raise ValidationError(
                {
                    "successor_url": _(
                        "Please enter a web address starting with https:// "
                        "or an e-mail address as mailto:name@example.org."
                    )
                }
            )


class ContactMessage(models.Model):
    """What someone sent through /kontakt/: kept for the editors, mailed to the
    operator; the sender gets a copy."""

    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    subject = models.CharField(pgettext_lazy("e-mail", "subject"), max_length=200)
    message = models.TextField(_("message"), max_length=10000)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    done = models.BooleanField(
        _("done"), default=False, help_text=_("Tick when the message is answered.")
    )

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject
