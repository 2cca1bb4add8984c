"""Demo content as files: Markdown with TOML front matter between `+++` lines.

    +++
    title = "Nachbarschaftsforum in Uslar"
    published_at = 2022-12-01T18:00:00+01:00
    states = ["NI", "HE"]
    +++
    The text, in Markdown.

TOML because Python reads it without a library (`tomllib`) and it has dates and
times of its own. A loader reads its folder with `entries("news")`, sorted by file
name, so the order on disk is the order of creation.

A file may go on with further sections, each opened by front matter of its own (a
forum topic and its replies, one after the other):

    +++
    author = "albers"
    hours_later = 5
    +++
    The reply, in Markdown.

They are the entry's `sections`. So a body never holds a line of just `+++`.
A `source = "…"` in front matter or in a row names where a fact comes from; it is
for the reader of the file, and `fields()` leaves it out of what goes to a model.
"""

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile

from core.states import STATE_FIELDS, State

ROOT = Path(__file__).resolve().parent
CONTENT = ROOT / "content"
MEDIA = ROOT / "media"
DELIMITER = "+++"
# A line of just the delimiter opens or closes front matter.
DELIMITED = re.compile(r"^\+\+\+(?:\n|\Z)", re.MULTILINE)
NOTES = frozenset({"source"})


@dataclass(frozen=True)
class Entry:
    meta: dict
    body: str
    path: Path
    sections: tuple["Entry", ...] = ()

    def __getitem__(self, key):
        return self.meta[key]

    def get(self, key, default=None):
        return self.meta.get(key, default)

    def fields(self, *leave_out: str) -> dict:
        """The front matter without notes (`source`) and the keys named."""
        return fields(self.meta, *leave_out)


def fields(row: dict, *leave_out: str) -> dict:
    """A row of data without notes (`source`) and the keys named."""
    return {
        key: value for key, value in row.items() if key not in NOTES | set(leave_out)
    }


def state_flags(codes) -> dict[str, bool]:
    """`["HE", "NI"]` as a model's state columns: `{"state_he": True, …}`."""
    codes = {State(code) for code in codes}
    return {field: state in codes for state, field in STATE_FIELDS.items()}


def _body(text: str) -> str:
    return text.strip() + "\n" if text.strip() else ""


def _front_matter(head: str, path: Path) -> dict:
    try:
        return tomllib.loads(head)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{path}: {error}") from error


def read(path: Path) -> Entry:
    """One file: its front matter (may be absent), its Markdown body, its sections."""
    text = path.read_text(encoding="utf-8")
    if not DELIMITED.match(text):
        return Entry(meta={}, body=_body(text), path=path)
    _, *parts = DELIMITED.split(text)
    if len(parts) % 2:
        raise ValueError(f"{path}: the front matter is not closed by {DELIMITER}.")
    sections = [
        Entry(meta=_front_matter(head, path), body=_body(body), path=path)
        for head, body in zip(parts[::2], parts[1::2], strict=True)
    ]
    first, *more = sections
    return Entry(meta=first.meta, body=first.body, path=path, sections=tuple(more))


def entries(folder: str) -> list[Entry]:
    """Every `*.md` file of `content/<folder>/`, in the order of their names."""
    return [read(path) for path in sorted((CONTENT / folder).glob("*.md"))]


def data(name: str) -> dict:
    """A plain TOML file `content/<name>.toml` (lists of rows, settings)."""
    with open(CONTENT / f"{name}.toml", "rb") as file:
        return tomllib.load(file)


def media(name: str) -> Path:
    """A file under `media/`, e.g. `media("news/kick-off.jpg")`."""
    path = MEDIA / name
    if not path.is_file():
        raise FileNotFoundError(f"Demo media file {path} is missing.")
    return path


def upload(name: str) -> ContentFile:
    """A media file as an upload: its bytes under its own name, for the app's services."""
    path = media(name)
    return ContentFile(path.read_bytes(), name=path.name)
