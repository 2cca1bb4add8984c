"""Demo documents (`demo/content/documents/*.md`: the front matter, the description
as body, the file under `demo/media/documents/`): a sample SREK, its older draft, and
a few documents of other categories.

The PDFs are samples, marked "Beispiel" on every page (see demo/media/README.md). They
go through the same upload service as an editor's file, so cover, page count and text
are derived as they would be. Idempotent: existing slugs stay as they are.
"""

from demo.content import entries, state_flags, upload
from documents.models import Document
from documents.services import document_create


def load(*, stdout) -> None:
    documents = entries("documents")
    created = 0
    # In the order of the files: a document comes after the one it replaces.
    for entry in documents:
        if Document.objects.filter(slug=entry["slug"]).exists():
            continue
        replaces = entry.get("replaces")
        document_create(
            **entry.fields("states", "file", "replaces"),
            file=upload(entry["file"]),
            description=entry.body.strip(),
            replaces=Document.objects.get(slug=replaces) if replaces else None,
            status=Document.Status.PUBLISHED,
            **state_flags(entry["states"]),
        )
        created += 1
    stdout.write(f"Demo documents: {created} created, {len(documents) - created} kept.")
