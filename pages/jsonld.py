"""The operator as a schema.org `Organization`: on the home page, and as the
publisher of articles and documents."""

from django.templatetags.static import static

from .models import Operator


def organization(operator: Operator | None, *, request) -> dict | None:
    if operator is None:
        return None
    return {
        "@type": "Organization",
        "name": operator.name,
        "url": operator.website,
        "logo": request.build_absolute_uri(static("img/logo.svg")),
        "email": operator.email,
        "telephone": operator.phone,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": operator.street,
            "postalCode": operator.postcode,
            "addressLocality": operator.city,
            "addressCountry": "DE",
        },
    }


def publisher(*, request) -> dict:
    """Who publishes the portal's articles and documents: the operator, by name."""
    operator = Operator.objects.current()
    if operator is None:
        return {"@type": "Organization", "name": "Region der Mitte"}
    return {"@type": "Organization", "name": operator.name, "url": operator.website}
