from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import markdown
from core.text import tel_uri

MARKDOWN_HELP = _(
    "Markdown: **bold**, *italic*, [link text](https://example.org), lists with “- ”, "
    "headings with “## ”. HTML is removed."
)


class Page(models.Model):
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
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.teaser_html = markdown.render(self.teaser)
        self.body_html = markdown.render(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("pages:page-detail", kwargs={"slug": self.slug})


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
    CACHE_KEY = "pages:operator"

    def current(self) -> "Operator | None":
        """The operator shown in every footer: cached, invalidated on save."""
        operator = cache.get(self.CACHE_KEY)
        if operator is None:
            operator = self.first() or False
            cache.set(self.CACHE_KEY, operator, 3600)
        return operator or None


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
    CACHE_KEY = "pages:archive"

    def current(self) -> "Archive | None":
        """The archive state when archive mode is on, else None: read on every
        request (middleware, banner, mail), so cached and invalidated on save."""
        archive = cache.get(self.CACHE_KEY)
        if archive is None:
            archive = self.filter(active=True).first() or False
            cache.set(self.CACHE_KEY, archive, 3600)
        return archive or None


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
    subject = models.CharField(_("subject"), max_length=200)
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
