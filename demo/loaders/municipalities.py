"""Demo "Wer ist zuständig?" (`demo/content/municipalities.toml`): the further bodies,
the municipalities through the import's own service, and their responsible bodies by
state and district.

Idempotent: organisations and municipalities are looked up by slug, responsibilities
by municipality, task and body; what exists stays as it is.
"""

from contacts.models import Municipality, Organisation, Person, Responsibility
from contacts.services import municipality_import_row
from core.text import german_slugify
from demo.content import data, fields


def load(*, stdout) -> None:
    content = data("municipalities")
    for row in content["organisations"]:
        Organisation.objects.get_or_create(
            slug=german_slugify(row["name"]), defaults=fields(row)
        )
    organisations = {o.name: o for o in Organisation.objects.all()}
    persons = {p.name: p for p in Person.objects.filter(published=True)}
    places = {}
    for row in content["municipalities"]:
        slug = row.get("slug") or german_slugify(row["name"])
        place = Municipality.objects.filter(slug=slug).first()
        if place is None:
            place, _created = municipality_import_row(
                ags=row.get("ags", ""),
                name=row["name"],
                state=row["state"],
                district=row["district"],
                postcodes=row.get("postcodes", ""),
                source=row.get("source", ""),
            )
            if place.slug != slug:
                place.slug = slug
                place.save(update_fields=["slug"])
        places[row["name"]] = place
    created = 0
    for row in content["municipalities"]:
        place = places[row["name"]]
        place.neighbours.add(*(places[name] for name in row.get("neighbours", [])))
        district = content["bodies"][row["state"]].get(row["district"], {})
        bodies = [*district.items(), *row.get("bodies", {}).items()]
        for task, body in bodies:
            _responsibility, was_created = Responsibility.objects.get_or_create(
                municipality=place,
                task=task,
                organisation=organisations[body["organisation"]],
                defaults={
                    "person": persons.get(body.get("person", "")),
                    "note": body.get("note", ""),
                    "source": body.get("source", ""),
                },
            )
            created += was_created
    stdout.write(
        f"Wer ist zuständig: {len(places)} municipalities, "
        f"{created} new responsibilities."
    )
