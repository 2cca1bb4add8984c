"""The benchmarks (`make bench`, `bench-search`, `bench-documents`): production's
settings as they are, with the `bench` app and its URLconf (the baseline view at
/bench/ok/), served over plain http on loopback.

`make bench` passes one throwaway secret to all its processes (the server and the
steps that sign a reader in must agree on it); a benchmark started on its own gets one
of its own here, so production's refusal to start without a secret stays in prod.py.
"""

import os
import secrets

os.environ.setdefault("DJANGO_SECRET_KEY", "bench-" + secrets.token_urlsafe(48))
os.environ.setdefault("DJANGO_SITE_URL", "http://127.0.0.1")

from .prod import *  # noqa: E402, F403
from .prod import INSTALLED_APPS  # noqa: E402

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"
# Loopback has no TLS; every other hardening of prod.py stays (HSTS and the other
# headers, secure cookie names), so the pages cost what they cost in production.
SECURE_SSL_REDIRECT = False
