"""gunicorn for production (`make serve`); every value can be set from the environment.

Tuned with `make bench` on two cores: 3 processes with 4 threads each (the gthread
worker: keep-alive connections, and a thread waits for PostgreSQL or Redis while another
renders) served about twice the requests of 5 sync workers, at under 150 MB per worker.
The application is loaded once in the master, its views imported and its templates
compiled there, so workers start in milliseconds and share that memory.
"""

import contextlib
import gc
import os
from pathlib import Path

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Recycle workers now and then so that no slow leak can grow without bound; rarely:
# the master notices an exited worker and forks the next one up to 2 s later, and the
# requests on its keep-alive connections wait (p99 of 200–360 ms in `make bench` when
# all three recycled at 100,000 requests). Workers hold at ~120 MB after 500,000.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000000"))
max_requests_jitter = max_requests // 10
keepalive = 5
# Each worker listens on its own socket (SO_REUSEPORT) and the kernel spreads new
# connections over them. With one shared socket the worker that wakes first takes
# them: nginx's few kept-alive upstream connections (or wrk's 8) often all landed on
# one worker, which served them on one core while the others idled (`make bench`
# rows then ran at half speed, at random).
reuse_port = True
timeout = 30
accesslog = "-"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "regiondermitte.wsgi"
preload_app = True
# gunicorn's control socket (for `gunicornc`) is one file per user by default, which
# several instances on one host would share; the portal does not use it.
control_socket_disable = True


def when_ready(server):
    """Before the workers fork: import every view and compile the templates once,
    then freeze every object made so far (`gc.freeze`): a collection of the oldest
    generation no longer scans them in the workers. It scanned ~250,000 objects, a
    pause of 70–80 ms that stalled the worker's requests in flight (the p99 spikes
    of `make bench`'s signed-in rows); 2–5 ms with them frozen. Frozen objects stay
    shared between the workers' memory, too."""
    from django.db import connections
    from django.template import TemplateDoesNotExist, TemplateSyntaxError
    from django.template.loader import get_template
    from django.urls import reverse

    reverse("home")  # imports the URLconf and with it every app's views
    templates = Path(__file__).resolve().parent.parent / "templates"
    for path in templates.rglob("*.html"):
        with contextlib.suppress(TemplateDoesNotExist, TemplateSyntaxError):
            get_template(str(path.relative_to(templates)))
    # Nothing above should have connected; a connection must never be shared by forks.
    connections.close_all()
    gc.freeze()
