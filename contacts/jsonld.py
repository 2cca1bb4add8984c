"""schema.org data of the directory (through core.jsonld, the page's `json_ld`): a
contact person as a `Person`, only what their page shows; for "Wer ist zuständig?"
each responsible body a `GovernmentOrganization` whose `areaServed` is the
municipality."""

from .models import Person


def person(person: Person, *, request, url: str) -> dict:
    organisation = person.organisation
    data = {"@type": "Person", "name": person.name, "url": url}
    if person.function:
        data["jobTitle"] = person.function
    if person.phone:
        data["telephone"] = person.phone
    if person.email:
        data["email"] = person.email
    if person.photo:
        data["image"] = request.build_absolute_uri(person.photo.url)
    works_for = {"@type": "Organization", "name": organisation.name}
    if organisation.website:
        works_for["url"] = organisation.website
    data["worksFor"] = works_for
    return data


def municipality(municipality, groups, *, request) -> dict:
    """schema.org: the municipality, and each body a GovernmentOrganization whose
    areaServed is it (a body serving several tasks appears once)."""
    area_id = request.build_absolute_uri(municipality.get_absolute_url()) + "#gemeinde"
    area = {
        "@type": "AdministrativeArea",
        "@id": area_id,
        "name": municipality.name,
        "containedInPlace": {
            "@type": "AdministrativeArea",
            "name": municipality.district,
        },
    }
    bodies = {}
    for group in groups:
        for responsibility in group["responsibilities"]:
            organisation = responsibility.organisation
            body = bodies.setdefault(
                organisation.pk,
                {
                    "@type": "GovernmentOrganization",
                    "name": organisation.name,
                    "areaServed": {"@id": area_id},
                },
            )
            if organisation.website:
                body["url"] = organisation.website
            if organisation.phone:
                body["telephone"] = organisation.phone
            if organisation.email:
                body["email"] = organisation.email
    return {"@graph": [area, *bodies.values()]}
