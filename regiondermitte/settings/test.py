"""Settings for the test suite: PostgreSQL from DATABASE_URL, mail in memory."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, STORAGES

# `manage.py seed_demo` and the demo content (never installed in production).
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
SERVE_MEDIA = True
# No collectstatic before the tests: WhiteNoise looks files up per request instead of
# indexing an absent STATIC_ROOT at start (and warning about it in every test).
WHITENOISE_AUTOREFRESH = True
# One cache per test process: tests clear it freely without touching a shared Redis.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# On, as in production (base.py's default): every test also proves that the page
# cache shows each write at once (tests/core/test_page_cache.py proves more).
PAGE_CACHE_SECONDS = 60
