"""vCard 3.0 (RFC 2426) for a directory entry: what phone and mail programs import.

3.0 rather than 4.0 because Outlook and older Android contacts apps import only up to
3.0. Written by hand (a dozen lines of format) so the portal needs no library for it:
text values escaped, lines folded at 75 octets without splitting a UTF-8 character,
CRLF line ends.
"""

import base64
import uuid
from datetime import UTC

from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from core.states import State
from core.text import tel_uri

from .models import Organisation, Person

MAX_LINE_OCTETS = 75


def escape(value: str) -> str:
    """Escape a TEXT value (RFC 2426 section 4): backslash, comma, semicolon, newline."""
    return (
        value.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def structured(*components: str) -> str:
    """A structured value (N, ADR, ORG): escaped components separated by semicolons."""
    return ";".join(escape(component) for component in components)


def fold(line: str) -> str:
    """Fold a content line so that no physical line exceeds 75 octets (UTF-8)."""
    lines, current, size = [], [], 0
    for char in line:
        octets = len(char.encode())
        if size + octets > MAX_LINE_OCTETS:
            lines.append("".join(current))
            current, size = [" "], 1
        current.append(char)
        size += octets
    lines.append("".join(current))
    return "\r\n".join(lines)


def _photo_line(person: Person) -> str | None:
    name = person.photo_thumbnail.name
    if not name:
        return None
    try:
        with default_storage.open(name, "rb") as file:
            data = file.read()
    except OSError:
        return None
    kind = "PNG" if name.endswith(".png") else "JPEG"
    return f"PHOTO;ENCODING=b;TYPE={kind}:{base64.b64encode(data).decode()}"


def person_vcard(person: Person, *, url: str) -> str:
    """The vCard of a person; `url` is the absolute address of their page."""
    organisation = person.organisation
    phone = person.phone or organisation.phone
    email = person.email or organisation.email
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:-//Region der Mitte//Ansprechpersonen//DE",
        f"UID:urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}",
        # A role address keeps its whole name as the family name, so that address
        # books show and sort it as written.
        "N:"
        + structured(person.family_name or person.name, person.given_name, "", "", ""),
        "FN:" + escape(person.name),
        "ORG:" + structured(organisation.name),
    ]
    if person.function:
        lines.append("TITLE:" + escape(person.function))
    if phone:
        lines.append("TEL;TYPE=WORK,VOICE:" + tel_uri(phone).removeprefix("tel:"))
    if email:
        lines.append("EMAIL;TYPE=INTERNET,WORK:" + escape(email))
    if organisation.has_address:
        lines.append(
            "ADR;TYPE=WORK:"
            + structured(
                "",
                "",
                organisation.street,
                organisation.city,
                str(State(organisation.state).label),
                organisation.postcode,
                _("Germany"),
            )
        )
    if organisation.website:
        lines.append("URL;TYPE=WORK:" + organisation.website)
    lines.append("URL:" + url)
    topics = [topic.name for topic in person.topics.all()]
    if topics:
        lines.append("CATEGORIES:" + ",".join(escape(name) for name in topics))
    photo = _photo_line(person)
    if photo:
        lines.append(photo)
    revised = person.updated_at.astimezone(UTC)
    lines.append("REV:" + revised.strftime("%Y%m%dT%H%M%SZ"))
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


def organisation_vcard(organisation: Organisation, *, url: str) -> str:
    """The vCard of a body itself (KIND would be 4.0; 3.0 readers take ORG as FN)."""
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:-//Region der Mitte//Wer ist zustaendig//DE",
        f"UID:urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, url)}",
        "N:" + structured(organisation.name, "", "", "", ""),
        "FN:" + escape(organisation.name),
        "ORG:" + structured(organisation.name),
    ]
    if organisation.phone:
        lines.append(
            "TEL;TYPE=WORK,VOICE:" + tel_uri(organisation.phone).removeprefix("tel:")
        )
    if organisation.email:
        lines.append("EMAIL;TYPE=INTERNET,WORK:" + escape(organisation.email))
    if organisation.has_address:
        lines.append(
            "ADR;TYPE=WORK:"
            + structured(
                "",
                "",
                organisation.street,
                organisation.city,
                str(State(organisation.state).label),
                organisation.postcode,
                _("Germany"),
            )
        )
    if organisation.website:
        lines.append("URL;TYPE=WORK:" + organisation.website)
    revised = organisation.updated_at.astimezone(UTC)
    lines.append("REV:" + revised.strftime("%Y%m%dT%H%M%SZ"))
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)
