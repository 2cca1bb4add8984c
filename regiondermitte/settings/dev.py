"""Local settings: `make run` (DEBUG off, as visitors see it) and `make dev` (DEBUG on)."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env, env_bool

# `manage.py seed_demo` and the demo content (never installed in production).
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

DEBUG = env_bool("DJANGO_DEBUG")
EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
SERVE_MEDIA = True
# A newcomer's machine has no worker running: tasks run right away.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# With DEBUG on (`make dev`) a changed template shows at once.
if DEBUG:
    PAGE_CACHE_SECONDS = 0
