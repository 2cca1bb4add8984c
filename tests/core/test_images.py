"""Every image field checks the pixel count with a clear German message, before any
pixel is decoded: Pillow alone only warns up to twice its limit, and beyond that its
error would reach people as "not a valid image"."""

import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from contacts.models import Person
from core.images import ImageFormField, open_image
from documents.services import inspect_file
from news.models import Article

MESSAGE = "zu viele Pixel"


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def png(width: int, height: int) -> SimpleUploadedFile:
    """A PNG whose header claims width × height (with valid checksums): enough for
    Pillow to open it and read its size, without megabytes of pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    body = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )
    return SimpleUploadedFile("bild.png", body, content_type="image/png")


@pytest.mark.parametrize(
    "size", [(7000, 7000), (20000, 20000)], ids=["49 MP", "400 MP"]
)
def test_images_over_the_pixel_cap_are_refused_with_the_reason(size):
    with pytest.raises(ValidationError, match=MESSAGE):
        open_image(png(*size))


@pytest.mark.parametrize("model, field", [(Article, "image"), (Person, "photo")])
@pytest.mark.parametrize(
    "size", [(7000, 7000), (20000, 20000)], ids=["49 MP", "400 MP"]
)
def test_every_image_form_field_gives_the_pixel_message(model, field, size):
    form_field = model._meta.get_field(field).formfield()
    assert isinstance(form_field, ImageFormField)
    with pytest.raises(ValidationError, match=MESSAGE):
        form_field.clean(png(*size))


def test_a_document_image_over_the_cap_is_refused_with_the_reason():
    with pytest.raises(ValidationError, match=MESSAGE):
        inspect_file(png(7000, 7000))
