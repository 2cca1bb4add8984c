"""Uploaded images (article pictures, contact photos): checked by content, re-encoded.

Re-encoding drops EXIF and any bytes appended to the file (a script behind a PNG), and
the pixel cap stops decompression bombs. Files get generated names.
"""

import uuid
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def open_image(file) -> Image.Image:
    """Open an upload as an image, or raise a ValidationError with a German message."""
    if file.size > settings.IMAGE_MAX_UPLOAD_SIZE:
        raise ValidationError(
            _("The image is too large (at most %(size)s MB).")
            % {"size": settings.IMAGE_MAX_UPLOAD_SIZE // (1024 * 1024)},
            code="too_large",
        )
    Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS
    try:
        file.seek(0)
        image = Image.open(file)
        if image.format not in ALLOWED_FORMATS:
            raise ValidationError(
                _("Please upload a JPEG, PNG, WebP or GIF image."), code="format"
            )
        image.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _(
                "The file is not an image or is damaged. Please upload a JPEG, PNG, "
                "WebP or GIF image."
            ),
            code="invalid",
        ) from None
    except Image.DecompressionBombError:
        raise ValidationError(
            _("The image has too many pixels (at most %(pixels)s million).")
            % {"pixels": settings.IMAGE_MAX_PIXELS // 1_000_000},
            code="too_many_pixels",
        ) from None
    finally:
        file.seek(0)
    return image


def validate_image(file) -> None:
    """Model and form validator for image uploads."""
    open_image(file)


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
