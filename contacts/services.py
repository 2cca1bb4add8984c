"""Writes of the contact directory that have side effects (photo files)."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import ImageOps

from core.images import open_image, reencode
from core.states import STATE_FIELDS, State
from core.text import unique_slug

from .models import Municipality, Organisation, Person, Topic

PHOTO_MAX_WIDTH = 800
# Shown at up to 120 CSS pixels; twice that for high-density screens.
THUMBNAIL_SIZE = 240
# Portraits have the face in the upper part: crop a little above the middle.
THUMBNAIL_CENTERING = (0.5, 0.35)


def _delete_files_on_commit(names: Iterable[str]) -> None:
    names = [name for name in names if name]

    def delete():
        for name in names:
            default_storage.delete(name)

    if names:
        transaction.on_commit(delete)


@transaction.atomic
def person_create(
    *,
    name: str,
    organisation: Organisation,
    slug: str = "",
    family_name: str = "",
    function: str = "",
    phone: str = "",
    email: str = "",
    topics: Iterable[Topic] = (),
    states: Iterable[str] = (),
    order: int = 0,
    show_on_home: bool = False,
    published: bool = True,
    photo=None,
    photo_alt: str = "",
) -> Person:
    """Add a person to the directory; a photo is checked and re-encoded."""
    person = Person(
        name=name,
        slug=slug or unique_slug(Person, name, fallback="eintrag", max_length=190),
        family_name=family_name,
        function=function,
        organisation=organisation,
        phone=phone,
        email=email,
        order=order,
        show_on_home=show_on_home,
        published=published,
        photo_alt=photo_alt,
    )
    for state in states:
        setattr(person, STATE_FIELDS[State(state)], True)
    person.full_clean()
    person.save()
    person.topics.set(topics)
    if photo:
        person_set_photo(person=person, photo=photo)
    return person


@transaction.atomic
def person_set_photo(*, person: Person, photo, alt_text: str | None = None) -> Person:
    """Store a photo: checked by content, re-encoded without EXIF under a generated name.

    A square thumbnail for the directory and the home page is made once here, not
    per request. The previous files are deleted when the transaction commits.
    """
    image = open_image(photo)
    if alt_text is not None:
        person.photo_alt = alt_text
    if not person.photo_alt.strip():
        raise ValidationError(
            {"photo_alt": _("Please describe the photo for people who cannot see it.")}
        )
    old_files = [person.photo.name, person.photo_thumbnail.name]
    full = reencode(image, max_width=PHOTO_MAX_WIDTH)
    square = ImageOps.fit(
        ImageOps.exif_transpose(image),
        (THUMBNAIL_SIZE, THUMBNAIL_SIZE),
        centering=THUMBNAIL_CENTERING,
    )
    thumbnail = reencode(square)
    person.photo.save(full.name, full, save=False)
    person.photo_thumbnail.save(f"thumb-{thumbnail.name}", thumbnail, save=False)
    new_files = [person.photo.name, person.photo_thumbnail.name]
    try:
        person.save()
    except Exception:
        for name in new_files:
            default_storage.delete(name)
        raise
    _delete_files_on_commit(old_files)
    return person


@transaction.atomic
def person_remove_photo(*, person: Person) -> Person:
    old_files = [person.photo.name, person.photo_thumbnail.name]
    person.photo = ""
    person.photo_thumbnail = ""
    person.photo_alt = ""
    person.save()
    _delete_files_on_commit(old_files)
    return person


@transaction.atomic
def person_delete(*, person: Person) -> None:
    """Remove a person and, once that is committed, their photo files."""
    old_files = [person.photo.name, person.photo_thumbnail.name]
    person.delete()
    _delete_files_on_commit(old_files)


@transaction.atomic
def municipality_import_row(
    *,
    ags: str,
    name: str,
    state: str,
    district: str,
    postcodes: str,
    source: str = "",
):
    """Create or update one municipality from an official list's row.

    Found by its AGS, or without one by name and state; the responsible bodies are
    left as the editors entered them.
    """
    lookup = {"ags": ags} if ags else {"name": name, "state": state}
    municipality = Municipality.objects.filter(**lookup).first()
    created = municipality is None
    if created:
        municipality = Municipality(
            slug=unique_slug(Municipality, name, fallback="gemeinde", max_length=100)
        )
    municipality.ags = ags
    municipality.name = name
    municipality.state = state
    municipality.district = district
    municipality.postcodes = " ".join(postcodes.replace(",", " ").split())
    if source:
        municipality.source = source
    municipality.full_clean()
    municipality.save()
    return municipality, created
