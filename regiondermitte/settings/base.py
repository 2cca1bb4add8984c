"""Settings shared by every environment; values that differ come from the environment."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("DJANGO_VAR_DIR", BASE_DIR / "var"))


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def site_url(value: str) -> str:
    """The public base URL: scheme and host (and port), nothing after them."""
    parts = urlsplit(value.strip())
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ImproperlyConfigured(
            f"DJANGO_SITE_URL must be the portal's address such as "
            f"https://www.regiondermitte.de (not {value!r})."
        )
    if parts.path.strip("/") or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            "DJANGO_SITE_URL must name scheme and host only, without a path."
        )
    return f"{parts.scheme}://{parts.netloc}"


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


# Overridden in prod.py, which refuses to start without a real key.
SECRET_KEY = env(
    "DJANGO_SECRET_KEY", "insecure-development-key-do-not-use-in-production"
)
DEBUG = env_bool("DJANGO_DEBUG")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "core",
    "regiondermitte",
    "accounts",
    "pages",
    "news",
    "documents",
    "forums",
    "contacts",
    "events",
    "newsletter",
    "toolbox",
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # 304 for a page the reader has (ETag, or the Last-Modified of feeds); outside
    # the page cache, so that stored pages answer it too, with their stored ETag.
    "django.middleware.http.ConditionalGetMiddleware",
    # Anonymous readers' pages from the cache, before sessions and views run.
    "core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.i18n.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, taking the user's row read with the session (accounts/sessions.py).
    "accounts.sessions.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffSecondFactorMiddleware",
    # Archive mode: the public's forms are refused (pages/archive.py).
    "pages.archive.ArchiveMiddleware",
]

ROOT_URLCONF = "regiondermitte.urls"
CSRF_FAILURE_VIEW = "regiondermitte.views.csrf_failure"
FORM_RENDERER = "core.forms.FormRenderer"
WSGI_APPLICATION = "regiondermitte.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pages.context_processors.site",
                "core.i18n.languages",
                "core.pagecache.token_hole",
            ],
        },
    },
]

# Database: SQLite under var/ for a zero-setup start, PostgreSQL in tests and production.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DJANGO_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The few statements run through core.rows.cursor() are prepared on their
    # connection after two runs (Django's other statements never are); off for a
    # connection pooler that cannot keep prepared statements.
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = (
        2 if env_bool("DJANGO_DB_PREPARED", True) else None
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when available (shared by all app servers, needed for rate limits
# across processes); otherwise the database, which is shared too.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("DJANGO_CACHE_PREFIX", "rdm"),
            # A Redis that does not answer is a miss within half a second, not a hang.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
        }
    }
# Sessions in the database alone: they must survive a Redis outage, and a session
# ended while Redis was away must not come back from it afterwards. Read with their
# user in one query (accounts/sessions.py).
SESSION_ENGINE = "accounts.sessions"
# Whole pages for anonymous readers (core/pagecache.py): renewed by the changes that
# make them stale; the lifetime bounds how late a scheduled article appears and
# how old a relative time ("vor 5 Minuten") may get. 0 switches the cache off.
PAGE_CACHE_SECONDS = int(env("DJANGO_PAGE_CACHE_SECONDS", "60"))
# Never stored, in either language (core/pagecache.py), but for the forms that are the
# same for every anonymous reader except their CSRF token: stored, though they tell
# browsers not to keep them (allauth's never_cache).
PAGE_CACHE_EXCLUDED_PATHS = ["/admin/", "/konto/", "/healthz"]
PAGE_CACHE_SHARED_FORMS = ["/konto/login/", "/konto/signup/"]

AUTH_USER_MODEL = "accounts.User"
# Django's and allauth's, taking the user's row read with the session.
AUTHENTICATION_BACKENDS = [
    "accounts.sessions.ModelBackend",
    "accounts.sessions.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "accounts.validators.SiteWordsValidator",
        "OPTIONS": {"words": ["Region der Mitte", "Region Kassel-Land"]},
    },
    {"NAME": "accounts.validators.RepetitionValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# django-allauth: e-mail is the login, verified before anything can be posted.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Region der Mitte] "
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
# The 6th wrong password for one account within 5 minutes is refused.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# Behind nginx (or another proxy) every request comes from the proxy's address; with
# the number of trusted proxies, rate limits take the client's from X-Forwarded-For.
ALLAUTH_TRUSTED_PROXY_COUNT = int(env("DJANGO_TRUSTED_PROXY_COUNT", "0"))
# Set after a sign-in: that browser keeps its own count of failed sign-ins, so that
# someone guessing the password cannot lock the owner out (accounts/adapter.py).
DEVICE_COOKIE_NAME = "rdm_device"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Region der Mitte"

LANGUAGE_CODE = "de"
# German under the plain addresses, English under /en/ (core/i18n.py).
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
# Dates day first in both languages ("5. März 2026", "5 March 2026"): core/formats/.
FORMAT_MODULE_PATH = ["core.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Media on S3-compatible object storage when a bucket is configured.
if env("DJANGO_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("DJANGO_S3_BUCKET"),
            "endpoint_url": env("DJANGO_S3_ENDPOINT_URL"),
            "region_name": env("DJANGO_S3_REGION"),
            "access_key": env("DJANGO_S3_ACCESS_KEY_ID"),
            "secret_key": env("DJANGO_S3_SECRET_ACCESS_KEY"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
# Serves uploaded files through Django; for `make run` only, nginx or S3 do it otherwise.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA")
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Decompression bombs: Pillow refuses images beyond this many pixels.
IMAGE_MAX_PIXELS = 40_000_000
IMAGE_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents (PDF, office files): the cap in MB comes from the environment.
DOCUMENT_MAX_UPLOAD_SIZE = int(env("DJANGO_DOCUMENT_MAX_UPLOAD_MB", "50")) * 1024 * 1024
# Sign-language videos (MP4, WebM) and their WebVTT captions.
VIDEO_MAX_UPLOAD_SIZE = int(env("DJANGO_VIDEO_MAX_UPLOAD_MB", "200")) * 1024 * 1024
CAPTIONS_MAX_UPLOAD_SIZE = 512 * 1024

EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = env("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env(
    "DJANGO_DEFAULT_FROM_EMAIL", "Region der Mitte <kontakt@regiondermitte.de>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# An inbox for unsubscribing by mail (List-Unsubscribe: mailto:…); empty: link only.
MAIL_UNSUBSCRIBE_ADDRESS = env("DJANGO_MAIL_UNSUBSCRIBE_ADDRESS", "")
ADMINS = [("Betrieb", addr) for addr in env_list("DJANGO_ADMINS")]

# Background work (mail, PDF): a database-backed queue, run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Forums: the longest post in characters, and how fast one person may post
# ("<number>/<s|m|h|d>"; counted in the shared cache).
FORUM_POST_MAX_LENGTH = int(env("DJANGO_FORUM_POST_MAX_LENGTH", "20000"))
FORUM_POST_RATE = env("DJANGO_FORUM_POST_RATE", "5/m")
# The portal's public address ("https://www.regiondermitte.de"): every link in
# e-mails, feeds, PDFs and calendar files (core/site.py). Production requires it.
SITE_URL = site_url(env("DJANGO_SITE_URL", "http://127.0.0.1:8000"))

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        # The sign-language videos and their captions (<video>, <track>).
        "media-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
    }
}
if env("DJANGO_S3_PUBLIC_URL"):
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(env("DJANGO_S3_PUBLIC_URL"))
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["media-src"].append(
        env("DJANGO_S3_PUBLIC_URL")
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # WeasyPrint reports every layout step at INFO.
        "weasyprint.progress": {"level": "WARNING"},
        "pikepdf": {"level": "WARNING"},
    },
}


def require(name: str) -> str:
    """Read a setting that production cannot run without."""
    value = env(name)
    if not value:
        raise ImproperlyConfigured(f"{name} must be set in production.")
    return value


def _static_file_headers(headers, path, url):
    # Static files are served by WhiteNoise before the CSP and clickjacking
    # middleware run; they get the same hardening as every other response.
    from csp.utils import build_policy

    headers["X-Frame-Options"] = "DENY"
    headers["Content-Security-Policy"] = build_policy()


WHITENOISE_ADD_HEADERS_FUNCTION = _static_file_headers
