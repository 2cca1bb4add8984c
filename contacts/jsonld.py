"""A contact person as a schema.org `Person`: only what their page shows."""

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
