"""Demo directory (`demo/content/contacts.toml`): the topics, the organisations of the
area in three states, and the people, through `person_create` as in the admin.

Idempotent: topics, organisations and people are looked up by slug; what exists stays
as it is.
"""

from contacts.models import Organisation, Person, Topic
from contacts.services import person_create
from core.text import german_slugify
from demo.content import data, fields


def load(*, stdout) -> None:
    directory = data("contacts")
    topics = {
        name: Topic.objects.get_or_create(
            slug=german_slugify(name), defaults={"name": name}
        )[0]
        for name in directory["topics"]
    }
    organisations = {
        row["name"]: Organisation.objects.get_or_create(
            slug=german_slugify(row["name"]), defaults=fields(row)
        )[0]
        for row in directory["organisations"]
    }
    created = 0
    for row in directory["people"]:
        slug = row.get("slug") or german_slugify(row["name"])
        if Person.objects.filter(slug=slug).exists():
            continue
        person_create(
            **fields(row, "slug", "organisation", "topics"),
            slug=slug,
            organisation=organisations[row["organisation"]],
            topics=[topics[name] for name in row["topics"]],
        )
        created += 1
    stdout.write(
        f"Contacts: {len(organisations)} organisations, {created} new entries."
    )
