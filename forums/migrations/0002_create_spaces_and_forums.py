"""The project's three spaces and their forums; editors add more in the admin."""

from django.db import migrations

EVERYONE, MEMBERS, VERIFIED = "everyone", "members", "verified"
ALL_STATES = {"state_he": True, "state_ni": True, "state_nw": True}

SPACES = [
    (
        "nachbarschaftsforum",
        "Nachbarschaftsforum",
        1,
        "Die Kooperationsplattform der Region: Entscheidungsträgerinnen und "
        "-träger, Fachleute und Ehrenamtliche aus Hessen, Niedersachsen und "
        "Nordrhein-Westfalen verabreden hier konkrete Maßnahmen über die "
        "Landesgrenzen hinweg.",
        [
            (
                "nachbarschaftsforum",
                "Nachbarschaftsforum",
                "Offen für alle: Fragen, Ideen und Vorhaben, die Kommunen, Vereine, "
                "Unternehmen und Bürgerinnen und Bürger in der Region der Mitte "
                "gemeinsam angehen wollen.",
                EVERYONE,
                VERIFIED,
            ),
        ],
    ),
    (
        "fachforen",
        "Fachforen",
        2,
        "Der „Werkzeugkasten“: Argumentationshilfen für die Regional- und "
        "Fachplanungen in den drei Bundesländern, erarbeitet von Fachleuten je "
        "Planungsthema. Alle können mitlesen; mitschreiben können die Mitglieder "
        "des jeweiligen Fachforums.",
        [
            (
                "gewerbeflaechen",
                "Gewerbeflächen",
                "Gewerbe- und Industrieflächen über die Landesgrenzen hinweg "
                "entwickeln und vermarkten, bis hin zu einem digitalen "
                "Gewerbeflächenpool für die Region.",
                EVERYONE,
                MEMBERS,
            ),
            (
                "mobilitaet-und-oepnv",
                "Mobilität und ÖPNV",
                "Pendlerverflechtungen, gemeinsame Buslinien der Verkehrsverbünde "
                "NVV, VSN und nph, Tarifgrenzen und neue Mobilitätsangebote im "
                "ländlichen Raum.",
                EVERYONE,
                MEMBERS,
            ),
            (
                "fachkraefte",
                "Fachkräfte",
                "Fachkräfte gewinnen und halten: Ausbildung, Zuzug, Rückkehr und "
                "Arbeitsmarkt über drei Bundesländer.",
                EVERYONE,
                MEMBERS,
            ),
            (
                "siedlungsentwicklung",
                "Siedlungsentwicklung",
                "Innenentwicklung, Leerstand, Wohnbauland und Daseinsvorsorge in "
                "den Orten an den Landesgrenzen.",
                EVERYONE,
                MEMBERS,
            ),
            (
                "erneuerbare-energien",
                "Erneuerbare Energien",
                "Wind, Sonne, Biomasse und Netze: Flächen und Vorhaben der "
                "Energiewende zwischen den Regionalplänen abstimmen.",
                EVERYONE,
                MEMBERS,
            ),
        ],
    ),
    (
        "unternehmensforum",
        "Unternehmensforum",
        3,
        "Was brauchen die Unternehmen der Region für nachhaltiges Wirtschaften? "
        "Ein geschützter Raum für Unternehmerinnen und Unternehmer, Kammern und "
        "Wirtschaftsförderungen; nur Mitglieder lesen und schreiben.",
        [
            (
                "nachhaltiges-wirtschaften",
                "Nachhaltiges Wirtschaften",
                "Bedarfe, Erfahrungen und gemeinsame Vorhaben der Unternehmerschaft: "
                "Flächen, Fachkräfte, Energie, Breitband und Netzwerke.",
                MEMBERS,
                MEMBERS,
            ),
        ],
    ),
]


def create(apps, schema_editor):
    Space = apps.get_model("forums", "Space")
    Forum = apps.get_model("forums", "Forum")
    for slug, name, order, description, forums in SPACES:
        space, _ = Space.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "order": order, "description": description},
        )
        for number, (f_slug, f_name, f_description, read, post) in enumerate(forums):
            Forum.objects.get_or_create(
                slug=f_slug,
                defaults={
                    "space": space,
                    "name": f_name,
                    "description": f_description,
                    "order": number + 1,
                    "read_access": read,
                    "post_access": post,
                    **ALL_STATES,
                },
            )


def remove(apps, schema_editor):
    Space = apps.get_model("forums", "Space")
    Forum = apps.get_model("forums", "Forum")
    Forum.objects.filter(
        slug__in=[f[0] for *_, forums in SPACES for f in forums]
    ).delete()
    Space.objects.filter(slug__in=[s[0] for s in SPACES]).delete()


class Migration(migrations.Migration):
    dependencies = [("forums", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
