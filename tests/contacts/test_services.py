from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from contacts.models import Person
from contacts.services import (
    person_delete,
    person_remove_photo,
    person_set_photo,
)
from tests import factories

pytestmark = pytest.mark.django_db


def test_photo_is_reencoded_without_exif_under_a_generated_name():
    upload = factories.jpeg_with_gps(size=(1600, 1200), name="oliver-gps.jpg")
    assert Image.open(BytesIO(upload.read())).getexif().get_ifd(0x8825)  # has GPS
    person = factories.contact_person(
        "Oliver Sollbach", photo=upload, photo_alt="Porträt von Oliver Sollbach"
    )
    assert "oliver" not in person.photo.name
    with default_storage.open(person.photo.name) as file:
        stored = Image.open(file)
        stored.load()
    assert not stored.getexif()
    assert "exif" not in stored.info
    assert stored.width == 800  # scaled down
    assert (person.photo_width, person.photo_height) == (800, 600)
    with default_storage.open(person.photo_thumbnail.name) as file:
        thumbnail = Image.open(file)
        thumbnail.load()
    assert thumbnail.size == (240, 240)
    assert not thumbnail.getexif()


def test_photo_needs_a_description():
    person = factories.contact_person()
    with pytest.raises(ValidationError) as error:
        person_set_photo(person=person, photo=factories.jpeg_with_gps())
    assert "photo_alt" in error.value.message_dict


def test_a_file_that_is_no_image_is_refused_with_a_german_message():
    person = factories.contact_person()
    upload = SimpleUploadedFile("foto.jpg", b"<?php echo 1; ?>")
    with pytest.raises(ValidationError) as error:
        person_set_photo(person=person, photo=upload, alt_text="Foto")
    assert "JPEG, PNG, WebP" in error.value.messages[0]
    person.refresh_from_db()
    assert not person.photo


def test_replacing_and_removing_a_photo_deletes_the_old_files(
    django_capture_on_commit_callbacks,
):
    person = factories.contact_person(
        photo=factories.jpeg_with_gps(), photo_alt="Porträt"
    )
    old = [person.photo.name, person.photo_thumbnail.name]
    with django_capture_on_commit_callbacks(execute=True):
        person_set_photo(person=person, photo=factories.jpeg_with_gps())
    assert not any(default_storage.exists(name) for name in old)
    assert default_storage.exists(person.photo.name)
    current = [person.photo.name, person.photo_thumbnail.name]
    with django_capture_on_commit_callbacks(execute=True):
        person_remove_photo(person=person)
    assert not any(default_storage.exists(name) for name in current)
    person.refresh_from_db()
    assert not person.photo and not person.photo_thumbnail and not person.photo_alt


def test_deleting_a_person_deletes_their_photo_files(
    django_capture_on_commit_callbacks,
):
    person = factories.contact_person(
        photo=factories.jpeg_with_gps(), photo_alt="Porträt"
    )
    files = [person.photo.name, person.photo_thumbnail.name]
    with django_capture_on_commit_callbacks(execute=True):
        person_delete(person=person)
    assert not Person.objects.exists()
    assert not any(default_storage.exists(name) for name in files)


def test_slugs_spell_out_umlauts_and_stay_unique():
    first = factories.contact_person("Wirtschaftsförderung Höxter")
    second = factories.contact_person("Wirtschaftsförderung Höxter")
    assert first.slug == "wirtschaftsfoerderung-hoexter"
    assert second.slug == "wirtschaftsfoerderung-hoexter-2"
