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
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent
CONTENT = ROOT / "content"
MEDIA = ROOT / "media"
DELIMITER = "+++"


@dataclass(frozen=True)
class Entry:
    meta: dict
    body: str
    path: Path

    def __getitem__(self, key):
        return self.meta[key]

    def get(self, key, default=None):
        return self.meta.get(key, default)


def read(path: Path) -> Entry:
    """One file: its front matter (may be absent) and its Markdown body."""
    text = path.read_text(encoding="utf-8")
    meta = {}
    if text.startswith(DELIMITER + "\n"):
        head, separator, body = text[len(DELIMITER) + 1 :].partition(f"\n{DELIMITER}\n")
        if not separator:
            raise ValueError(f"{path}: the front matter is not closed by {DELIMITER}.")
        try:
            meta = tomllib.loads(head)
        except tomllib.TOMLDecodeError as error:
            raise ValueError(f"{path}: {error}") from error
        text = body
    return Entry(meta=meta, body=text.strip() + "\n" if text.strip() else "", path=path)


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
