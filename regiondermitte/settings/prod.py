"""Production: hardened, and refuses to start without its secrets."""

from .base import *  # noqa: F403
from .base import env, env_bool, require, site_url

DEBUG = False
SECRET_KEY = require("DJANGO_SECRET_KEY")
# Every link in e-mails, feeds and PDFs: production never guesses its own address.
SITE_URL = site_url(require("DJANGO_SITE_URL"))

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 63_072_000  # two years
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Secure-sessionid"
CSRF_COOKIE_NAME = "__Secure-csrftoken"
DEVICE_COOKIE_NAME = "__Secure-rdm_device"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA")
EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
