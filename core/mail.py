"""Mail the portal sends on its own (notifications, digests, the newsletter): links,
recipients, the message with its text and HTML parts, and sending.

Every such mail goes out through `send_each`: the one place that decides whether and
how non-account mail is sent. A mail server that fails is logged and never fails what
caused the mail: every message is sent on its own, and errors are caught per message.
"""

import logging
import re
from collections.abc import Callable
from html.parser import HTMLParser
from urllib.parse import quote, urljoin, urlsplit

import css_inline
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.message import make_msgid
from django.db.models import Exists, OuterRef
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils.translation import gettext as _

from . import markdown, site
from .site import absolute

__all__ = [
    "absolute",
    "absolute_links",
    "greeting",
    "message",
    "plain_text",
    "send_each",
]

logger = logging.getLogger(__name__)

ONE_CLICK = "List-Unsubscribe=One-Click"

# What a mail is, for the rules that may hold mail back (archive mode lets only
# account mails and the final notice out). Every sender names its category.
# ACCOUNT: about the account, or the answer to what its reader just did themselves
# (the confirmation of a cancelled registration).
ACCOUNT = "account"
NOTIFICATION = "notification"
FINAL_NOTICE = "final-notice"
CATEGORIES = (ACCOUNT, NOTIFICATION, FINAL_NOTICE)

# Rules installed by apps at start-up (core imports no app): each gets a category and
# says whether such mail may go out now. pages installs archive mode's.
_gates: list[Callable[[str], bool]] = []


def add_gate(gate: Callable[[str], bool]) -> None:
    if gate not in _gates:
        _gates.append(gate)


def allowed(category: str) -> bool:
    if category not in CATEGORIES:
        raise ValueError(f"Unknown mail category {category!r}")
    return all(gate(category) for gate in _gates)


def known_language(code: str | None) -> str:
    """`code` if the portal speaks it, else the portal's own language."""
    known = {language for language, _name in settings.LANGUAGES}
    return code if code in known else settings.LANGUAGE_CODE


def language_of(user) -> str:
    """The language to write to a person in: their account's, else the portal's."""
    return known_language(getattr(user, "language", None))


def with_verified_address(users):
    """Only addresses their owners confirmed: mail never goes to a stranger's inbox."""
    return users.filter(
        is_active=True,
        email__isnull=False,
    ).filter(
        Exists(
            EmailAddress.objects.filter(
                user=OuterRef("pk"), email__iexact=OuterRef("email"), verified=True
            )
        )
    )


def greeting(user=None) -> str:
    """ "Guten Tag Anna Beispiel," by display name, or a neutral "Guten Tag,"."""
    name = getattr(user, "display_name", "") if user is not None else ""
    if name:
        return _("Hello %(name)s,") % {"name": name}
    return _("Hello,")


class _TextMaker(HTMLParser):
    """Sanitized HTML (what core.markdown renders) as readable plain text."""

    BLOCKS = {"p", "div", "h2", "h3", "h4", "table", "tr", "pre", "ul", "ol"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.links: list[str] = []
        self.lists: list[list] = []  # per open list: [ordered, counter]
        self.quote = 0
        self.pre = False

    def _newline(self, blank=False):
        text = "".join(self.out)
        want = "\n\n" if blank else "\n"
        if text and not text.endswith(want):
            self.out.append("\n" if text.endswith("\n") else want)

    def _write(self, text):
        if self.quote and (not self.out or "".join(self.out[-1:]).endswith("\n")):
            text = "> " * self.quote + text
        self.out.append(text)

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS or tag == "blockquote":
            self._newline(blank=not self.lists)
        if tag == "blockquote":
            self.quote += 1
        elif tag == "pre":
            self.pre = True
        elif tag in {"ul", "ol"}:
            self.lists.append([tag == "ol", 0])
        elif tag == "li":
            self._newline()
            indent = "  " * (len(self.lists) - 1)
            if self.lists and self.lists[-1][0]:
                self.lists[-1][1] += 1
                self._write(f"{indent}{self.lists[-1][1]}. ")
            else:
                self._write(f"{indent}- ")
        elif tag == "br":
            self.out.append("\n")
        elif tag == "hr":
            self._newline(blank=True)
            self._write("----")
            self._newline(blank=True)
        elif tag == "a":
            self.links.append(dict(attrs).get("href") or "")
        elif tag in {"td", "th"}:
            self._write(" | ")

    def handle_endtag(self, tag):
        if tag == "a":
            href = self.links.pop() if self.links else ""
            text = "".join(self.out)
            if href and not text.endswith(href):
                self.out.append(
                    f" ({absolute(href) if href.startswith('/') else href})"
                )
        elif tag == "blockquote":
            self.quote = max(0, self.quote - 1)
            self._newline(blank=True)
        elif tag in {"ul", "ol"}:
            if self.lists:
                self.lists.pop()
            self._newline(blank=not self.lists)
        elif tag == "pre":
            self.pre = False
            self._newline(blank=True)
        elif tag in self.BLOCKS:
            self._newline(blank=True)

    def handle_data(self, data):
        if not self.pre:
            data = re.sub(r"\s+", " ", data)
            if "".join(self.out[-1:]).endswith(("\n", " ")) or not self.out:
                data = data.lstrip()
        if data:
            self._write(data)


def absolute_links(html: str, *, base: str) -> str:
    """Rendered Markdown (a post, a newsletter issue) for a mail's HTML part: every
    relative link and image address made absolute against `base`, the full address
    of the page the text stands on. A mail client has no page to resolve
    `/veranstaltungen/` against. Addresses with a scheme (`https:`, `mailto:`) and
    `#fragments` stay.

    The sanitizer rewrites them while it parses; the HTML was cleaned by it when it
    was rendered, so nothing else changes."""

    def resolve(tag: str, attribute: str, value: str) -> str:
        if attribute not in {"href", "src"} or value.startswith("#"):
            return value
        return value if urlsplit(value).scheme else urljoin(base, value)

    return markdown.sanitize(html, attribute_filter=resolve)


def plain_text(html: str) -> str:
    """Rendered Markdown as the text part of a mail: paragraphs, "- " lists, "> "
    quotes, links as "text (address)"; no tags, no Markdown syntax."""
    maker = _TextMaker()
    maker.feed(html or "")
    maker.close()
    text = "".join(maker.out)
    text = "\n".join(line.rstrip() for line in text.splitlines())
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _html_part(template: str, context: dict, text: str) -> str:
    """The HTML part: the template's own `.html` twin under templates/mail/ where
    there is one, else the text in the plain layout; styles inlined."""
    name = re.sub(r"\.txt$", ".html", template)
    try:
        html = get_template(name).render(context)
    except TemplateDoesNotExist:
        html = render_to_string("mail/base.html", {**context, "text_body": text})
    return css_inline.inline(html)


def message(
    *,
    to: str,
    subject: str,
    template: str,
    context: dict,
    headers=None,
    unsubscribe_url: str | None = None,
    unsubscribe_token: str | None = None,
) -> EmailMultiAlternatives:
    """One mail to one address: the text part from `template` (under templates/mail/),
    an HTML part beside it, a Message-ID under the site's domain, and, for mail one
    can end, the one-click unsubscribe headers of RFC 8058."""
    context = {
        "greeting": greeting(context.get("recipient")),
        "subject": subject,
        "site_url": settings.SITE_URL,
        "unsubscribe_url": unsubscribe_url,
        **context,
    }
    text = render_to_string(template, context)
    all_headers = {
        "Auto-Submitted": "auto-generated",
        "Message-ID": make_msgid(domain=site.domain()),
    }
    if unsubscribe_url:
        targets = [f"<{unsubscribe_url}>"]
        inbox = settings.MAIL_UNSUBSCRIBE_ADDRESS
        if inbox and unsubscribe_token:
            targets.append(f"<mailto:{inbox}?subject={quote(unsubscribe_token)}>")
        all_headers["List-Unsubscribe"] = ", ".join(targets)
        all_headers["List-Unsubscribe-Post"] = ONE_CLICK
    all_headers.update(headers or {})
    email = EmailMultiAlternatives(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=all_headers,
    )
    email.attach_alternative(_html_part(template, context, text), "text/html")
    return email


def send_each(messages: list, *, what: str, category: str = NOTIFICATION) -> int:
    """Send one by one; a failure is logged and the rest still go out.

    The one way out for every mail that is not about the account itself
    (notifications, digests, events, the newsletter). Nothing goes out when a gate
    holds the category back (archive mode holds back everything but account mails
    and the final notice).
    """
    if not messages:
        return 0
    if not allowed(category):
        logger.info(
            "E-mail (%s, %s): %d not sent, held back.", what, category, len(messages)
        )
        return 0
    sent = 0
    connection = get_connection()
    try:
        connection.open()
    except Exception:
        logger.exception("E-mail (%s): cannot reach the mail server.", what)
        return 0
    try:
        for email in messages:
            email.connection = connection
            try:
                sent += email.send()
            except Exception:
                logger.exception("E-mail (%s) to %s could not be sent.", what, email.to)
    finally:
        try:
            connection.close()
        except Exception:
            logger.exception("E-mail (%s): closing the connection failed.", what)
    return sent
