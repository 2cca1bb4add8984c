from . import archive
from .models import site_state


def site(request):
    """The operator (footer, home page) and archive mode: `archive_mode` (the state,
    or None) for the banner, `archive_closed` for forms (pages/archive.py)."""
    operator, archive_mode = site_state()
    return {
        "operator": operator,
        "archive_mode": archive_mode,
        "archive_closed": archive_mode is not None and not archive.is_writable(request),
    }
