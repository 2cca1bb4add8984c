"""The reader of the demo files, and the files themselves: all parse, all media used."""

import pytest

from demo import content

FOLDERS = ["pages", "news", "documents", "forums"]
TABLES = ["accounts", "pages", "news", "contacts", "forums"]


def write(tmp_path, text: str):
    path = tmp_path / "entry.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_entry_has_front_matter_and_a_markdown_body(tmp_path):
    entry = content.read(
        write(
            tmp_path,
            '+++\ntitle = "Uslar"\nwhen = 2022-12-05T18:00:00+01:00\n+++\n'
            "Ein **Text**.\n\n",
        )
    )
    assert entry["title"] == "Uslar"
    assert entry["when"].utcoffset().total_seconds() == 3600
    assert entry.body == "Ein **Text**.\n"
    assert entry.sections == ()


def test_further_sections_come_with_front_matter_of_their_own(tmp_path):
    entry = content.read(
        write(
            tmp_path,
            '+++\ntitle = "Thema"\n+++\nErster Beitrag.\n\n'
            '+++\nauthor = "albers"\n+++\nZweiter.\n\n'
            '+++\nauthor = "vogt"\n+++\nDritter\nin zwei Zeilen.\n',
        )
    )
    assert (entry["title"], entry.body) == ("Thema", "Erster Beitrag.\n")
    assert [(s["author"], s.body) for s in entry.sections] == [
        ("albers", "Zweiter.\n"),
        ("vogt", "Dritter\nin zwei Zeilen.\n"),
    ]


def test_a_file_without_front_matter_is_all_body(tmp_path):
    entry = content.read(write(tmp_path, "Nur Text, + und +++ mitten im Satz.\n"))
    assert (entry.meta, entry.body) == ({}, "Nur Text, + und +++ mitten im Satz.\n")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('+++\ntitle = "offen"\nText ohne Ende der Kopfzeilen.\n', "not closed"),
        ("+++\ntitle = ohne Anführungszeichen\n+++\nText.\n", "entry.md"),
        ('+++\ntitle = "a"\n+++\nText.\n+++\nauthor = "b"\nText.\n', "not closed"),
    ],
)
def test_broken_front_matter_names_the_file(tmp_path, text, message):
    with pytest.raises(ValueError, match=message):
        content.read(write(tmp_path, text))


def test_fields_leave_out_the_source_and_the_keys_named():
    row = {"name": "Stadt Uslar", "source": "Startseite", "type": "kommune"}
    assert content.fields(row, "type") == {"name": "Stadt Uslar"}


def test_state_flags_are_the_models_state_columns():
    assert content.state_flags(["HE", "NI"]) == {
        "state_he": True,
        "state_ni": True,
        "state_nw": False,
    }
    with pytest.raises(ValueError):
        content.state_flags(["BY"])


def test_a_missing_media_file_is_named():
    with pytest.raises(FileNotFoundError, match="news/fehlt.png"):
        content.media("news/fehlt.png")


def test_every_demo_file_parses_and_every_media_file_is_used_and_present():
    named = set()
    for folder in FOLDERS:
        entries = content.entries(folder)
        assert entries, folder
        for entry in entries:
            assert entry.body.strip(), entry.path
            for key in ("image", "file"):
                if key in entry.meta:
                    named.add(entry[key])
                    assert content.media(entry[key]).stat().st_size > 0
    for name in TABLES:
        assert content.data(name)
    on_disk = {
        str(path.relative_to(content.MEDIA))
        for path in content.MEDIA.rglob("*")
        if path.is_file() and path.suffix != ".md"
    }
    assert on_disk == named
