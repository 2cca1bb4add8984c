"""Demo pages: the operator and the four goals (`demo/content/pages.toml`), the
editor-kept pages (`demo/content/pages/*.md`).

A page's text may name the operator's data as Django template variables
(`{{ operator.street }}`), filled in from the operator as it is in the database when
the page is created. A teaser is the front matter's `teaser`, or the body up to a
`<!--more-->` line. Idempotent: whatever exists already (perhaps edited in the admin)
is left as it is.
"""

from django.template import Context, Template

from demo.content import data, entries, fields
from pages.models import Goal, Operator, Page

MORE = "<!--more-->"


def load(*, stdout) -> None:
    table = data("pages")
    operator = Operator.objects.first()
    if operator is None:
        operator = Operator.objects.create(**fields(table["operator"]))
    context = Context({"operator": operator}, autoescape=False)

    created = 0
    for entry in entries("pages"):
        text = Template(entry.body).render(context)
        lead, more, rest = text.partition(MORE + "\n")
        body = lead + rest.lstrip("\n") if more else text
        _, new = Page.objects.get_or_create(
            slug=entry["slug"],
            defaults={
                "title": entry["title"],
                "teaser": entry.get("teaser", lead.strip() + "\n" if more else ""),
                "body": body,
                "easy_text": Template(entry.get("easy_text", "")).render(context),
                **{
                    name: entry.get(name, "")
                    for name in ("title_en", "teaser_en", "body_en")
                },
            },
        )
        created += new
    for row in table["goals"]:
        _, new = Goal.objects.get_or_create(
            number=row["number"], defaults=fields(row, "number")
        )
        created += new
    stdout.write(f"Pages and goals: {created} created, the rest kept as they were.")
