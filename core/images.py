"""Uploaded images (article pictures, contact photos): checked by content, re-encoded.

Re-encoding drops EXIF and any bytes appended to the file (a script behind a PNG), and
the pixel cap stops decompression bombs. Files get generated names.
"""

import logging
import mimetypes
import uuid
from io import BytesIO

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def open_image(file, *, formats=ALLOWED_FORMATS, max_bytes: int | None = None):
    """Open an upload as an image, or raise a ValidationError with a German message.

    The pixel count is checked from the header, before any pixel is decoded: Pillow
    itself only warns below twice its limit, and its error above that would reach
    people as "not an image".
    """
    max_bytes = max_bytes or settings.IMAGE_MAX_UPLOAD_SIZE
    if file.size > max_bytes:
        raise ValidationError(
            _("The image is too large (at most %(size)s MB).")
            % {"size": max_bytes // (1024 * 1024)},
            code="too_large",
        )
    too_many_pixels = ValidationError(
        _(
            "The image has too many pixels (at most %(pixels)s million). Please "
            "make it smaller, for example by exporting it at a lower resolution."
        )
        % {"pixels": settings.IMAGE_MAX_PIXELS // 1_000_000},
        code="too_many_pixels",
    )
    try:
        file.seek(0)
        image = Image.open(file)
        if image.format not in formats:
            raise ValidationError(_format_message(formats), code="format")
        if image.width * image.height > settings.IMAGE_MAX_PIXELS:
            raise too_many_pixels
        image.load()
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        raise too_many_pixels from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("The file is not an image or is damaged.")
            + " "
            + _format_message(formats),
            code="invalid",
        ) from None
    finally:
        file.seek(0)
    return image


def _format_message(formats) -> str:
    if set(formats) == {"JPEG", "PNG"}:
        return _("Please upload a JPEG or PNG image.")
    return _("Please upload a JPEG, PNG, WebP or GIF image.")


def validate_image(file) -> None:
    """Model and form validator for image uploads."""
    open_image(file)


class ImageFormField(forms.ImageField):
    """Django's image field, with this module's checks and messages first: Django's
    own check answers every refused image with "not a valid image"."""

    def to_python(self, data):
        if data is not None and hasattr(data, "size"):
            open_image(data)
        return super().to_python(data)


class ImageField(models.ImageField):
    """A model image field whose forms check with `open_image`. Stored and migrated
    as Django's ImageField: the difference is only in the form."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageFormField, **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.ImageField", args, kwargs


def reencode(image: Image.Image, *, max_width: int | None = None) -> ContentFile:
    """A clean copy: oriented, scaled down to max_width, no metadata, generated name."""
    image = ImageOps.exif_transpose(image)
    if max_width and image.width > max_width:
        height = round(image.height * max_width / image.width)
        image = image.resize((max_width, height), Image.Resampling.LANCZOS)
    buffer = BytesIO()
    has_alpha = image.mode in ("RGBA", "LA") or (
        image.mode == "P" and "transparency" in image.info
    )
    if has_alpha:
        image.convert("RGBA").save(buffer, "PNG", optimize=True)
        extension = "png"
    else:
        image.convert("RGB").save(
            buffer, "JPEG", quality=85, optimize=True, progressive=True
        )
        extension = "jpg"
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")


def renditions(file, widths: tuple[int, ...]) -> dict[int, ContentFile]:
    """Responsive sizes, made once on upload: {width: file}; never scaled up."""
    image = open_image(file)
    sizes = {}
    for width in widths:
        sizes[width] = reencode(image, max_width=width)
        if image.width <= width:
            break
    return sizes


# --- responsive images of a model (an article's, an event's picture) ----------------


def store_renditions(field_file, widths: tuple[int, ...], folder: str) -> list[dict]:
    """Makes the sizes of an uploaded image and stores them; the largest becomes the
    field's file itself (feeds, Open Graph, PDF). Returns what the model keeps in its
    `image_renditions`: name, width, height and bytes of each, smallest first."""
    sizes = renditions(field_file, widths)
    largest = max(sizes)
    stored = []
    for width, content in sorted(sizes.items()):
        # Small images are never scaled up: read the size each file really has.
        with Image.open(content) as image:
            actual_width, actual_height = image.size
        content.seek(0)
        if width == largest:
            field_file.save(content.name, content, save=False)
            name = field_file.name
        else:
            name = default_storage.save(f"{folder}/{content.name}", content)
        stored.append(
            {
                "width": actual_width,
                "height": actual_height,
                "name": name,
                "size": content.size,
            }
        )
    return stored


def stored_image_files(model, pk: int | None) -> list[str]:
    """The names of the image files a saved row has now (before it changes)."""
    if pk is None:
        return []
    stored = model.objects.filter(pk=pk).values("image", "image_renditions").first()
    if not stored:
        return []
    names = [rendition["name"] for rendition in stored["image_renditions"]]
    if stored["image"] and stored["image"] not in names:
        names.append(stored["image"])
    return names


def delete_files(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            # A file that is already gone is no reason to fail the editor's save.
            logger.warning("Could not delete the old image %s", name)


class Renditions:
    """For a model with `image_renditions` (see `store_renditions`): the sizes with
    their URLs for `srcset`."""

    @property
    def renditions(self) -> list[dict]:
        """The image sizes with their URLs, smallest first (for srcset)."""
        return [
            {
                **rendition,
                "url": default_storage.url(rendition["name"]),
                "type": mimetypes.guess_type(rendition["name"])[0],
            }
            for rendition in self.image_renditions
        ]

    @property
    def srcset(self) -> str:
        return ", ".join(f"{r['url']} {r['width']}w" for r in self.renditions)

    @property
    def largest_rendition(self) -> dict | None:
        renditions = self.renditions
        return renditions[-1] if renditions else None
