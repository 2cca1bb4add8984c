from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The floor every app stands on: states, Markdown, images, PDF, pagination, text,
    cache and mail. It imports Django and libraries, never an app of the project."""

    name = "core"
    verbose_name = "Region der Mitte – Grundlagen"

    def ready(self):
        from django.conf import settings
        from PIL import Image

        from . import pagecache

        pagecache.connect_signals()
        # Pillow's own guard against decompression bombs, for every image it opens;
        # uploads are checked before that, with a message (core.images.open_image).
        Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS
