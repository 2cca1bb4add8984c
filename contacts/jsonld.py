"""schema.org JSON-LD for "Wer ist zuständig?": each responsible body a
`GovernmentOrganization` whose `areaServed` is the municipality.

A data block (`<script type="application/ld+json">`) is never executed, so the
Content-Security-Policy lets it through; `<`, `>` and `&` are escaped as in
Django's `json_script`, so no text of an editor can close the element.
"""

import json

from django.utils.safestring import mark_safe

ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def data(municipality, groups, *, request) -> dict:
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
    return {"@context": "https://schema.org", "@graph": [area, *bodies.values()]}


def municipality(municipality, groups, *, request) -> str:
    text = json.dumps(data(municipality, groups, request=request), ensure_ascii=False)
    return mark_safe(  # noqa: S308 (escaped for a <script> element above)
        '<script type="application/ld+json">' + text.translate(ESCAPES) + "</script>"
    )
