"""One public address (DJANGO_SITE_URL) for every link the portal sends out;
production refuses to start without it, naming it."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from regiondermitte.settings.base import site_url


def load_prod(**env) -> subprocess.CompletedProcess:
    environment = {
        key: value for key, value in os.environ.items() if key != "DJANGO_SITE_URL"
    }
    environment.update(
        DJANGO_SECRET_KEY="only-for-reading-the-production-settings-" + "x" * 20,
        DJANGO_ALLOWED_HOSTS="www.regiondermitte.de",
        **env,
    )
    return subprocess.run(  # noqa: S603 (our own interpreter and code)
        [
            sys.executable,
            "-c",
            "import regiondermitte.settings.prod as p; print(p.SITE_URL)",
        ],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_the_site_url():
    result = load_prod()
    assert result.returncode != 0
    assert "DJANGO_SITE_URL must be set in production." in result.stderr


def test_production_takes_the_site_url_without_a_trailing_slash():
    result = load_prod(DJANGO_SITE_URL="https://www.regiondermitte.de/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "https://www.regiondermitte.de"


@pytest.mark.parametrize(
    "value", ["www.regiondermitte.de", "ftp://x.de", "https://x.de/portal/", ""]
)
def test_a_site_url_that_is_not_scheme_and_host_is_refused(value):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SITE_URL"):
        site_url(value)
