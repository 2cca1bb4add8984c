"""Uploads of the sign-language page: videos (MP4, WebM) and captions (WebVTT).

Checked by content, not by name, as documents are: an MP4 is an ISO media file whose
first box is `ftyp` with a video brand, a WebM an EBML file of the doctype `webm`,
captions a UTF-8 text that starts with `WEBVTT`. Files get generated names whose
extension follows the content.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Brands of the `ftyp` box that browsers play as video/mp4.
MP4_BRANDS = {
    b"isom",
    b"iso2",
    b"iso4",
    b"iso5",
    b"iso6",
    b"mp41",
    b"mp42",
    b"avc1",
    b"M4V ",
    b"dash",
    b"mmp4",
}
EBML_MAGIC = b"\x1a\x45\xdf\xa3"
# EBML element "DocType" (0x4282), a one-byte size 0x84, then the four letters.
WEBM_DOCTYPE = b"\x42\x82\x84webm"


def _head(file, size: int = 64) -> bytes:
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def video_kind(file) -> str | None:
    """ "mp4", "webm", or None when the bytes are neither."""
    head = _head(file)
    if head[4:8] == b"ftyp" and head[8:12] in MP4_BRANDS:
        return "mp4"
    if head.startswith(EBML_MAGIC) and WEBM_DOCTYPE in head:
        return "webm"
    return None


def _uncommitted(value) -> bool:
    # A stored file was checked when it came; re-saving the row does not read it again.
    return not getattr(value, "_committed", False)


def validate_video(value) -> None:
    if not _uncommitted(value):
        return
    limit = settings.VIDEO_MAX_UPLOAD_SIZE
    if value.size > limit:
        raise ValidationError(
            _("The video is too large (at most %(size)s MB).")
            % {"size": limit // (1024 * 1024)},
            code="too_large",
        )
    if video_kind(getattr(value, "file", value)) is None:
        raise ValidationError(
            _(
                "The file is not an MP4 or WebM video. Please upload an MP4 or WebM file."
            ),
            code="format",
        )


def validate_captions(value) -> None:
    if not _uncommitted(value):
        return
    limit = settings.CAPTIONS_MAX_UPLOAD_SIZE
    if value.size > limit:
        raise ValidationError(
            _("The captions file is too large (at most %(size)s KB).")
            % {"size": limit // 1024},
            code="too_large",
        )
    file = getattr(value, "file", value)
    file.seek(0)
    data = file.read()
    file.seek(0)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = ""
    first_line = text.split("\n", 1)[0].rstrip("\r")
    if not (first_line == "WEBVTT" or first_line.startswith(("WEBVTT ", "WEBVTT\t"))):
        raise ValidationError(
            _(
                "The file is not a WebVTT captions file. It must be UTF-8 text that "
                "begins with the line “WEBVTT”."
            ),
            code="format",
        )


def video_path(instance, filename: str) -> str:
    kind = video_kind(instance.video.file) or "mp4"
    return f"gebaerdensprache/{uuid.uuid4().hex}.{kind}"


def captions_path(instance, filename: str) -> str:
    return f"gebaerdensprache/{uuid.uuid4().hex}.vtt"


def poster_path(instance, filename: str) -> str:
    # The admin re-encodes the poster (core.images.reencode) as JPEG or PNG.
    extension = "png" if filename.lower().endswith(".png") else "jpg"
    return f"gebaerdensprache/{uuid.uuid4().hex}.{extension}"
