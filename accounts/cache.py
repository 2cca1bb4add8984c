"""What a change of an account makes stale (core/pagecache.py): its public name, next
to what it wrote. A new account appears nowhere."""

from core import pagecache
from core.pagecache import EVENTS, FORUMS, HOME, NEWS, SEARCH

from .models import User

pagecache.renews(User, FORUMS, NEWS, EVENTS, HOME, SEARCH, on_create=False)
