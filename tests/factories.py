"""Test data, made through the same code paths the portal uses.

Each app keeps its helpers in its own section below.
"""

import itertools
import time

from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import EDITORS, MODERATORS
from core import pagecache
from pages.models import Goal, Operator, Page

PASSWORD = "Sicheres-Passwort-2026"
_numbers = itertools.count(1)


def forget_stored_pages() -> None:
    """The next request renders its page: for query guards, which measure a render
    (the page cache, on in the tests, would answer an anonymous repeat with none)."""
    pagecache.renew_all()


# --- accounts ---------------------------------------------------------------


def user(email: str | None = None, *, verified: bool = True, **fields) -> User:
    """A signed-up user; verified unless told otherwise."""
    email = email or f"person{next(_numbers)}@example.org"
    fields.setdefault("display_name", f"Person {email.split('@')[0]}")
    account = User.objects.create_user(email=email, password=PASSWORD, **fields)
    EmailAddress.objects.create(
        user=account, email=email, verified=verified, primary=True
    )
    return account


def enable_totp(account: User) -> str:
    secret = generate_totp_secret()
    TOTP.activate(account, secret)
    return secret


def totp_code(secret: str) -> str:
    """The code an authenticator app would show right now for this secret."""
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


def editor(email: str | None = None, *, totp: bool = True, **fields) -> User:
    """Staff in the group Redaktion, with a second factor unless told otherwise."""
    account = user(email, is_staff=True, **fields)
    account.groups.add(Group.objects.get(name=EDITORS))
    if totp:
        enable_totp(account)
    return account


def moderator(email: str | None = None, **fields) -> User:
    """A member of the group Moderation; forums assign them to forums."""
    account = user(email, **fields)
    account.groups.add(Group.objects.get(name=MODERATORS))
    return account


def admin(email: str | None = None, *, totp: bool = True, **fields) -> User:
    account = user(email, is_staff=True, is_superuser=True, **fields)
    if totp:
        enable_totp(account)
    return account


# --- pages ------------------------------------------------------------------


def page(slug: str, *, title: str | None = None, body: str | None = None, **fields):
    """An editor-kept page such as /impressum/; the same slug gives the same page."""
    title = title or slug.replace("-", " ").title()
    body = body or (
        f"## Über {title}\n\n"
        "Die Region der Mitte verbindet Kommunen aus Hessen, Niedersachsen und "
        "Nordrhein-Westfalen. Mehr dazu auf [der Startseite](/).\n\n"
        "- Zusammenarbeit über Landesgrenzen\n- Gemeinsame Entwicklung\n"
    )
    return Page.objects.update_or_create(
        slug=slug, defaults={"title": title, "body": body, **fields}
    )[0]


def archive(**fields):
    """Archive mode switched on, as the staff switch it (pages.services)."""
    import datetime

    from pages.services import archive_switch

    return archive_switch(
        **{
            "active": True,
            "since": datetime.date(2024, 5, 31),
            "banner": "Vielen Dank an alle, die mitgemacht haben.",
            "successor_name": "Region Kassel-Land e.V.",
            "successor_url": "https://www.regionkasselland.de/",
            **fields,
        }
    )


def operator(**fields) -> Operator:
    """The portal's operator, shown in every footer; one row."""
    values = {
        "name": "Region Kassel-Land e.V.",
        "project": "(Wirtschafts-) Region der Mitte",
        "street": "Kurfürstenstr. 19",
        "postcode": "34466",
        "city": "Wolfhagen",
        "phone": "0 56 92 / 99 777 - 14",
        "email": "kontakt@regiondermitte.de",
        "website": "https://www.regiondermitte.de",
        "funding_notice": "Gefördert im Programm „Region gestalten“ des Bundes.",
        **fields,
    }
    Operator.objects.all().delete()
    return Operator.objects.create(**values)


def goal(number: int, **fields) -> Goal:
    values = {
        "title": f"Ziel {number}",
        "text": "Ein Ziel des Projekts, kurz beschrieben.",
        "link": "/foren/",
        "link_text": f"Zum Raum für Ziel {number}",
        **fields,
    }
    return Goal.objects.update_or_create(number=number, defaults=values)[0]


def home_content() -> None:
    """What the home page shows from the pages app: both texts, four goals, operator."""
    page(
        "region-gestalten",
        title="…kurz erklärt: Region gestalten",
        teaser="Die Fördermaßnahme „Aktive Regionalentwicklung“ kurz erklärt.",
    )
    page(
        "projekt",
        title="Projekt „(Wirtschafts-) Region der Mitte“",
        teaser="Ein Projekt zwischen Kassel, Paderborn und Göttingen.",
    )
    for number in range(1, 5):
        goal(number)
    operator()


# The first bytes of an MP4 (an `ftyp` box with the brand isom) and of a WebM (an
# EBML header of the doctype webm): what the upload checks look at.
MP4_BYTES = b"\x00\x00\x00\x1cftypisom\x00\x00\x02\x00isomiso2mp41" + b"\x00" * 64
WEBM_BYTES = (
    b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04"
    b"\x42\xf3\x81\x08\x42\x82\x84webm\x42\x87\x81\x04\x42\x85\x81\x02" + b"\x00" * 64
)
VTT_TEXT = (
    "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nHallo, hier erklären wir das Portal.\n"
)


def sign_language_video(title: str = "Was bietet das Portal?", **fields):
    """A video of the sign-language page, uploaded through the admin's form (content
    checks, poster re-encoded)."""
    from pages.admin import SignLanguageVideoForm

    data = {
        "position": fields.pop("position", 1),
        "title": title,
        "transcript": fields.pop(
            "transcript", "Hier erklären wir, was das Portal bietet."
        ),
    }
    files = {
        "video": fields.pop("video", None)
        or upload(MP4_BYTES, "film.mp4", "video/mp4"),
        "captions": fields.pop("captions", None)
        or upload(VTT_TEXT.encode(), "film.vtt", "text/vtt"),
        "poster": fields.pop("poster", None) or image_upload(size=(640, 360)),
    }
    form = SignLanguageVideoForm(data=data, files=files)
    if not form.is_valid():
        raise ValueError(form.errors.as_json())
    return form.save()


# --- news -------------------------------------------------------------------


def news_category(name: str = "Projekt", **fields):
    from news.models import Category

    return Category.objects.get_or_create(name=name, defaults=fields)[0]


def image_upload(
    *, size=(1200, 800), image_format: str = "JPEG", name: str = "bild.jpg"
):
    """An uploaded picture as a browser sends it."""
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", size, (42, 157, 143)).save(buffer, image_format)
    content_type = f"image/{image_format.lower()}"
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def article(title: str | None = None, *, image=None, **fields):
    """A published article (unless `status` says otherwise), saved by the service that
    the admin uses; an `image` upload is re-encoded into its sizes on the way."""
    import datetime

    from django.utils import timezone

    from news.models import Article
    from news.services import article_save

    number = next(_numbers)
    fields.setdefault("teaser", f"Kurzfassung der Nachricht {number}.")
    fields.setdefault("body", f"Der Text der Nachricht {number}.")
    fields.setdefault("status", Article.Status.PUBLISHED)
    if fields["status"] == Article.Status.PUBLISHED:
        fields.setdefault(
            "published_at", timezone.now() - datetime.timedelta(minutes=number)
        )
    if "category" not in fields:
        fields["category"] = news_category()
    item = Article(title=title or f"Nachricht {number}", **fields)
    if image is not None:
        item.image = image
        item.image_alt = fields.get("image_alt") or "Ein Bild zur Nachricht"
    return article_save(article=item, image_changed=image is not None)


def draft(title: str | None = None, **fields):
    from news.models import Article

    return article(title, status=Article.Status.DRAFT, **fields)


def scheduled(title: str | None = None, *, days: int = 3, **fields):
    import datetime

    from django.utils import timezone

    published_at = timezone.now() + datetime.timedelta(days=days)
    return article(title, published_at=published_at, **fields)


# --- documents --------------------------------------------------------------


def pdf_bytes(
    *, pages: int = 1, text: str = "Beispieltext der Region der Mitte"
) -> bytes:
    """A small, valid PDF with `text` on every page, written by hand (no WeasyPrint:
    fast enough to make fifty of them in a test)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        None,  # the page tree, once the pages' numbers are known
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    kids = []
    for number in range(1, pages + 1):
        line = f"{text} {number}".encode("cp1252", "replace")
        line = line.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        stream = b"BT /F1 18 Tf 72 720 Td (" + line + b") Tj ET"
        objects.append(
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
        )
        content = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), pages)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for index, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (index, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def upload(
    data: bytes, name: str = "dokument.pdf", content_type: str = "application/pdf"
):
    """An uploaded file as a browser sends it (name and type are the browser's claim)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type=content_type)


def document(
    title: str | None = None,
    *,
    file=None,
    pages: int = 1,
    text: str | None = None,
    **fields,
):
    """A published document (unless `status` says otherwise), made by the upload service
    from a generated PDF, so type, pages, cover and text are derived as on upload."""
    from documents.models import Category, Document
    from documents.services import document_create

    number = next(_numbers)
    title = title or f"Dokument {number}"
    fields.setdefault("slug", f"dokument-{number}")
    fields.setdefault("category", Category.OTHER)
    fields.setdefault("status", Document.Status.PUBLISHED)
    if file is None:
        file = upload(
            pdf_bytes(pages=pages, text=text or title), f"{fields['slug']}.pdf"
        )
    return document_create(file=file, title=title, **fields)


# --- forums -----------------------------------------------------------------


def forum(
    *,
    closed: bool = False,
    members_post: bool = False,
    moderators=(),
    space_slug: str = "testbereich",
    **fields,
):
    """A forum: open (everyone reads, verified users post) unless told otherwise.

    `closed`: only members read and post. `members_post`: everyone reads, members post.
    """
    from forums.models import Forum, Space

    number = next(_numbers)
    space = Space.objects.get_or_create(
        slug=space_slug, defaults={"name": space_slug.title(), "order": 9}
    )[0]
    members_only = closed or members_post
    values = {
        "space": space,
        "name": f"Testforum {number}",
        "slug": f"testforum-{number}",
        "description": "Ein Forum für Tests, offen für alle drei Länder.",
        "read_access": Forum.ReadAccess.MEMBERS
        if closed
        else Forum.ReadAccess.EVERYONE,
        "post_access": (
            Forum.PostAccess.MEMBERS if members_only else Forum.PostAccess.VERIFIED
        ),
        "state_he": True,
        "state_ni": True,
        "state_nw": True,
        **fields,
    }
    created = Forum.objects.create(**values)
    created.moderators.add(*moderators)
    return created


_new_forum = forum  # for helpers whose `forum` argument hides the function


def forum_membership(*, forum, user, status: str = "approved"):
    from forums.models import Membership

    return Membership.objects.update_or_create(
        forum=forum,
        user=user,
        defaults={"status": status, "reason": "Ich arbeite in der Regionalplanung."},
    )[0]


def forum_moderator(forum, account: User | None = None) -> User:
    """A user of the group Moderation, assigned to the forum."""
    account = account or moderator()
    if not account.groups.filter(name=MODERATORS).exists():
        account.groups.add(Group.objects.get(name=MODERATORS))
    forum.moderators.add(account)
    return account


def forum_author(forum) -> User:
    """A verified user who may post in the forum (a member where that is needed)."""
    account = user()
    if forum.has_members:
        forum_membership(forum=forum, user=account)
    return account


def forum_topic(
    forum=None,
    *,
    author: User | None = None,
    title: str | None = None,
    body: str = "Wie können wir das **gemeinsam** über die Landesgrenze angehen?",
    replies: int = 0,
    notify: bool = True,
    **fields,
):
    """A topic made through the service, with `replies` replies by other users."""
    from forums import services

    forum = forum or _new_forum()
    author = author or forum_author(forum)
    created = services.topic_create(
        forum=forum,
        author=author,
        title=title or f"Gewerbeflächen im Dreiländereck {next(_numbers)}",
        body=body,
        notify=notify,
        # Test data is not typed by a person; the rate limit is tested through views.
        limit_rate=False,
        **fields,
    )
    if replies:
        replier = forum_author(forum)
        for number in range(replies):
            forum_post(created, author=replier, body=f"Antwort Nummer {number + 1}.")
    created.refresh_from_db()
    return created


def forum_post(topic, *, author: User | None = None, body: str | None = None, **kw):
    from forums import services

    author = author or forum_author(topic.forum)
    return services.post_create(
        topic=topic,
        author=author,
        body=body or "Ein Beitrag aus Nordrhein-Westfalen: Wir sind dabei.",
        **{"limit_rate": False, **kw},
    )


# --- contacts ---------------------------------------------------------------


def organisation(name: str | None = None, **fields):
    """An organisation of the directory (plain data: editors keep it in the admin)."""
    from contacts.models import Organisation, OrganisationType
    from core.text import unique_slug

    name = name or f"Gemeinde {next(_numbers)}"
    fields.setdefault("type", OrganisationType.KOMMUNE)
    fields.setdefault("state", "HE")
    fields.setdefault("street", "Rathaus")
    fields.setdefault("postcode", "34466")
    fields.setdefault("city", "Wolfhagen")
    fields.setdefault("slug", unique_slug(Organisation, name, fallback="eintrag"))
    return Organisation.objects.create(name=name, **fields)


def topic(name: str):
    """A directory topic; the same name gives the same topic."""
    from contacts.models import Topic
    from core.text import german_slugify

    return Topic.objects.get_or_create(
        slug=german_slugify(name), defaults={"name": name}
    )[0]


def contact_person(name: str | None = None, **fields):
    """A published person of the directory, made through the app's service."""
    from contacts.services import person_create

    name = name or f"Ansprechstelle {next(_numbers)}"
    if "organisation" not in fields:
        fields["organisation"] = organisation()
    fields.setdefault("states", [fields["organisation"].state])
    return person_create(name=name, **fields)


def jpeg_with_gps(*, size=(600, 400), name="portrait.jpg"):
    """A JPEG upload carrying EXIF GPS coordinates and a camera model."""
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    image = Image.new("RGB", size, (200, 120, 60))
    exif = Image.Exif()
    exif[0x0110] = "Demo Camera"  # Model
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (51.0, 26.0, 0.0)
    gps[3] = "E"
    gps[4] = (9.0, 9.0, 0.0)
    buffer = BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


# --- events -----------------------------------------------------------------


def event(title: str | None = None, *, days: float = 14, hours: float = 3, **fields):
    """A published event `days` from now, lasting `hours`, saved by the admin's service.

    On site in Uslar unless told otherwise; open registration, no seat limit.
    """
    import datetime

    from django.utils import timezone

    from events.models import Event
    from events.services import event_save

    number = next(_numbers)
    start = fields.pop("starts_at", None) or (
        timezone.now() + datetime.timedelta(days=days)
    ).replace(second=0, microsecond=0)
    fields.setdefault("ends_at", start + datetime.timedelta(hours=hours))
    fields.setdefault("teaser", f"Kurzbeschreibung der Veranstaltung {number}.")
    fields.setdefault("status", Event.Status.PUBLISHED)
    fields.setdefault("format", Event.Format.ON_SITE)
    if fields["format"] != Event.Format.ONLINE:
        fields.setdefault("venue_name", "Kulturbahnhof Uslar")
        fields.setdefault("venue_address", "Bahnhofstraße 1\n37170 Uslar")
    if fields["format"] != Event.Format.ON_SITE:
        fields.setdefault("online_url", "https://konferenz.example.org/raum-42")
    fields.setdefault("state_ni", True)
    item = Event(title=title or f"Veranstaltung {number}", starts_at=start, **fields)
    return event_save(event=item)


def past_event(title: str | None = None, *, days: float = 30, **fields):
    return event(title, days=-days, **fields)


def event_space(slug: str = "nachbarschaftsforum"):
    """One of the spaces the forums migration made (or a test space)."""
    from forums.models import Space

    return Space.objects.get_or_create(
        slug=slug, defaults={"name": slug.title(), "order": 9}
    )[0]


def registration(event, *, user=None, name: str = "", email: str = "", **answers):
    """A confirmed (or waiting) registration: with an account in one click, or a
    guest's request confirmed through the mail link's service."""
    from events import services

    if user is not None:
        return services.registration_create_for_user(
            event=event, user=user, answers=services.Answers(**answers)
        )
    number = next(_numbers)
    pending = services.registration_request(
        event=event,
        name=name or f"Gast {number}",
        email=email or f"gast{number}@example.org",
        answers=services.Answers(**answers),
    )
    return services.registration_confirm(registration=pending)


# --- toolbox ----------------------------------------------------------------


def argument_card(
    title: str | None = None,
    *,
    states=("HE", "NI", "NW"),
    publish: bool = True,
    sections: list[dict] | None = None,
    **fields,
):
    """A card with a section per state in `states`, published as version 1 unless
    `publish=False`, made through the services the admin uses."""
    from toolbox import services
    from toolbox.models import ArgumentCard

    number = next(_numbers)
    related = {
        key: fields.pop(key)
        for key in (
            "document_sources",
            "citations",
            "forum_topics",
            "events",
            "contacts",
        )
        if key in fields
    }
    fields.setdefault("topic", "gewerbeflaechen")
    fields.setdefault(
        "question",
        f"Dürfen wir ein Gewerbegebiet über die Landesgrenze ausweisen ({number})?",
    )
    fields.setdefault("argument", "Ein **interkommunales** Gewerbegebiet spart Fläche.")
    card = services.card_create(
        card=ArgumentCard(title=title or f"Argumentationshilfe {number}", **fields),
        sections=sections
        if sections is not None
        else [
            {
                "state": state,
                "basis": f"Landesplanung {state}: Grundlage {number}.",
                "authority": f"Regionalplanung {state}",
                "differences": "Andere Zuständigkeit.",
                "action": "Früh mit der Regionalplanung sprechen.",
            }
            for state in states
        ],
        **related,
    )
    if publish:
        services.card_publish(card=card, change_note="Erste Fassung.")
        card.refresh_from_db()
    return card


def affiliation(account: User | None = None, *, at=None, verify=True, **kw):
    """A claimed affiliation, confirmed by an editor unless told otherwise."""
    from accounts.services import affiliation_approve, affiliation_claim

    account = account or user()
    kw.setdefault("function", "Bürgermeisterin")
    kw.setdefault("public", True)
    claim = affiliation_claim(user=account, organisation=at or organisation(), **kw)
    if verify:
        reviewer = User.objects.filter(is_superuser=True).first() or admin()
        claim = affiliation_approve(affiliation=claim, reviewer=reviewer)
    return claim


def municipality(name: str | None = None, **fields):
    """A municipality of "Wer ist zuständig?" (editors keep it in the admin)."""
    from contacts.models import Municipality
    from core.text import unique_slug

    name = name or f"Gemeinde {next(_numbers)}"
    fields.setdefault("state", "HE")
    fields.setdefault("district", "Landkreis Kassel")
    fields.setdefault("slug", unique_slug(Municipality, name, fallback="gemeinde"))
    return Municipality.objects.create(name=name, **fields)


def responsibility(place, task: str, body=None, **fields):
    """`body` (an organisation) is responsible for `task` in the municipality `place`."""
    from contacts.models import Responsibility

    return Responsibility.objects.create(
        municipality=place, task=task, organisation=body or organisation(), **fields
    )
