"""`make bench-search`: how fast the search page is at the portal's target size.

Builds a separate PostgreSQL database (`rdm_bench_search`, dropped at the end unless
--keep), applies the migrations (so the triggers and indexes are the real ones), fills
it with 100,000 forum posts in 5,000 topics, 10,000 news articles and 2,000 documents
of generated German text, runs ANALYZE, then requests the results page many times per
kind of query, in this process through Django's test client with settings/bench.py
(production's settings). Every request has an address of its own (a parameter `nr`
the view ignores), so no stored page answers: a search nobody asked before. It prints
the median and 95th percentile of the time the page's SQL took (every query of the
request, timed in the process) and of the whole request through the middleware and
view, and the plan (EXPLAIN ANALYZE) of the slowest query of the slowest kind.
The cache is the one production is given: Redis when REDIS_URL is set or Redis
answers on loopback (as for `make bench`), else the database cache.

The text comes from a vocabulary of regional-planning words drawn with a Zipf
distribution, as in real text: a few words occur in almost every post, most in few.
"""

import itertools
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit, urlunsplit

import psycopg
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client

from bench.run import redis_url

BENCH_DB = "rdm_bench_search"
# Goals: the SQL of a results page (issue 8), the whole page (issue 12).
GOAL_SQL_MS = 50
GOAL_VIEW_MS = 30


def words(text: str) -> list[str]:
    return text.split()


FUNCTION_WORDS = words(
    """der die und in den von zu das mit sich des auf für ist im dem nicht ein
eine als auch es an werden aus er hat dass sie nach wird bei einer um am sind noch wie
einem über einen so zum war haben nur oder aber vor zur bis mehr durch man dann soll
können wir unsere ihre diese dieser kann muss sehr schon wenn hier damit gibt alle
viele wieder immer gut ganz beim seit"""
)

NOUNS = words(
    """Region Entwicklung Kommune Kommunen Landkreis Landkreise Gemeinde Gemeinden
Mobilität Fachkräfte Fachkraft Pendler Pendlerinnen Verkehr Planung Planungen Regionalplan
Regionalpläne Gewerbefläche Gewerbeflächen Siedlungsentwicklung Wohnraum Breitband
Digitalisierung Tourismus Landwirtschaft Energie Windenergie Photovoltaik Wasserstoff
Nahverkehr Bahnhof Buslinie Buslinien Radweg Radwege Schule Schulen Ärzte Versorgung
Daseinsvorsorge Innenstadt Leerstand Ortskern Dorf Dörfer Stadt Städte Kreis Landesgrenze
Landesgrenzen Kooperation Förderung Fördermittel Antrag Anträge Projekt Projekte Konzept
Strategie Maßnahme Maßnahmen Beteiligung Bürger Bürgerinnen Unternehmen Betrieb Betriebe
Handwerk Industrie Mittelstand Ausbildung Arbeitsplatz Arbeitsplätze Arbeitsmarkt
Wirtschaftsförderung Standort Standorte Infrastruktur Straße Straßen Autobahn Brücke
Schiene Güterverkehr Logistik Klimaschutz Klimaanpassung Hochwasser Naturschutz
Landschaft Wald Wasser Netz Netzwerk Verwaltung Zuständigkeit Statistik Daten Analyse
Karte Atlas Werkzeugkasten Argumentationshilfe Regionalanalyse Nachbarschaftsforum
Fachforum Unternehmensforum Nachhaltigkeit Kreislaufwirtschaft Flächen Fläche Bedarf
Angebot Nachfrage Ergebnis Ergebnisse Frage Fragen Vorschlag Vorschläge Beispiel
Erfahrung Erfahrungen Treffen Termin Workshop Veranstaltung Sitzung Protokoll Bericht
Gutachten Studie Ziel Ziele Zukunft Wandel Strukturwandel Raum Räume Akteure Partner
Landesplanung Bauleitplanung Flächennutzungsplan Bebauungsplan Genehmigung Verfahren
Kosten Haushalt Zuschuss Finanzierung Euro Jahr Jahre Monat Woche Einwohner Bevölkerung
Demografie Zuzug Abwanderung Rückkehr Familien Jugend Senioren Pflege Gesundheit
Vereine Ehrenamt Kultur Sport Handel Einzelhandel Gastronomie Hotel Übernachtungen
Wanderweg Weser Diemel Fulda Solling Reinhardswald Kaufunger Eggegebirge"""
)

ADJECTIVES = words(
    """regionale regionalen länderübergreifende länderübergreifenden gemeinsame
gemeinsamen ländliche ländlichen neue neuen wichtige wichtigen nachhaltige nachhaltigen
digitale digitalen öffentliche öffentlichen kleine kleinen große großen aktuelle
aktuellen konkrete konkreten mögliche möglichen unterschiedliche unterschiedlichen
erste ersten gute guten starke starken"""
)

VERBS = words(
    """planen plant geplant entwickeln entwickelt fördern fördert gefördert abstimmen
abgestimmt prüfen prüft geprüft zeigen zeigt brauchen braucht gebraucht arbeiten
arbeitet schlagen schlägt vor diskutieren diskutiert stellen stellt vorgestellt
umsetzen umgesetzt unterstützen unterstützt verbinden verbindet erreichen erreicht
sehen sieht finden findet gefunden nutzen nutzt genutzt"""
)

PLACES = words(
    """Kassel Paderborn Göttingen Höxter Holzminden Warburg Hofgeismar Wolfhagen Uslar
Beverungen Karlshafen Trendelburg Northeim Brakel Driburg Marsberg Diemelstadt Korbach
Volkmarsen Münden Dransfeld Boffzen Fürstenberg Bodenfelde Oberweser Reinhardshagen
Immenhausen Grebenstein Liebenau Borgentreich Willebadessen Arolsen Naumburg
Zierenberg Habichtswald Hessen Niedersachsen Nordrhein-Westfalen"""
)

PHRASES = [
    "Region der Mitte",
    "im ländlichen Raum",
    "über die Landesgrenzen hinweg",
    "Hessen, Niedersachsen und Nordrhein-Westfalen",
    "Aktive Regionalentwicklung",
]
COMPOUND_TAILS = words(
    """konzept planung entwicklung förderung netz strategie analyse bedarf
angebot verfahren kataster pool börse management beirat agentur programm bericht
studie initiative modell partnerschaft verbund"""
)


class Vocabulary:
    """Words drawn by a Zipf law: rank r has weight 1 / (r + 2.7) ** 1.07."""

    def __init__(self, seed: int):
        rng = random.Random(seed)
        content = NOUNS + ADJECTIVES + VERBS + PLACES
        rng.shuffle(content)
        stems = [noun for noun in NOUNS if len(noun) > 4]
        compounds = sorted(
            {f"{rng.choice(stems)}{rng.choice(COMPOUND_TAILS)}" for _ in range(14000)}
        )
        rng.shuffle(compounds)
        self.words = FUNCTION_WORDS + content + compounds
        weights = [1 / (rank + 2.7) ** 1.07 for rank in range(len(self.words))]
        self.cumulative = list(itertools.accumulate(weights))
        self.content_start = len(FUNCTION_WORDS)
        self.compound_start = len(FUNCTION_WORDS) + len(content)

    def sample(self, rng: random.Random, count: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=count)

    def sentence(self, rng: random.Random, low: int = 6, high: int = 18) -> str:
        words = self.sample(rng, rng.randint(low, high))
        if rng.random() < 0.12:
            words.insert(rng.randrange(len(words) + 1), rng.choice(PHRASES))
        text = " ".join(words)
        return text[:1].upper() + text[1:] + "."

    def paragraph(self, rng: random.Random, sentences: int) -> str:
        return " ".join(self.sentence(rng) for _ in range(sentences))

    def words_of(self, rng: random.Random, total_words: int) -> str:
        parts, count = [], 0
        while count < total_words:
            sentence = self.sentence(rng)
            parts.append(sentence)
            count += sentence.count(" ") + 1
        return " ".join(parts)

    def title(self, rng: random.Random) -> str:
        words = [
            word
            for word in self.sample(rng, 14)
            if word not in FUNCTION_WORDS and word[:1].isupper()
        ][: rng.randint(3, 6)] or ["Region"]
        return " ".join(words)

    def rank_of(self, word: str) -> int:
        return self.words.index(word)

    def frequency_band(self, low: int, high: int) -> list[str]:
        return self.words[low:high]


def html_paragraphs(paragraphs: list[str]) -> str:
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def lognormal_int(rng, median: float, sigma: float, low: int, high: int) -> int:
    value = int(rng.lognormvariate(0, sigma) * median)
    return max(low, min(high, value))


class Command(BaseCommand):
    help = "Measures the search page's SQL on a generated database of the target size."

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, default=100_000)
        parser.add_argument("--topics", type=int, default=5_000)
        parser.add_argument("--articles", type=int, default=10_000)
        parser.add_argument("--documents", type=int, default=2_000)
        parser.add_argument("--runs", type=int, default=40, help="requests per kind")
        parser.add_argument(
            "--keep",
            action="store_true",
            help="keep the database (and reuse it on the next run)",
        )
        parser.add_argument(
            "--database",
            default=BENCH_DB,
            help=f"the database to make and drop (default {BENCH_DB}); its name "
            "must contain “bench”",
        )
        parser.add_argument(
            "--server",
            default=os.environ.get("BENCH_DATABASE_URL", ""),
            help="PostgreSQL server URL (default: DATABASE_URL's server, else "
            "postgres://postgres@127.0.0.1:5432)",
        )
        parser.add_argument("--inner", action="store_true", help=argparse_hidden())

    def handle(self, *args, **options):
        if options["inner"]:
            return self.run_inside(options)
        server = options["server"] or os.environ.get("DATABASE_URL", "")
        if not server.startswith(("postgres://", "postgresql://")):
            server = "postgres://postgres@127.0.0.1:5432/postgres"
        admin_url = with_database(server, "postgres")
        name = options["database"]
        if "bench" not in name:
            raise CommandError(f"Refusing to drop {name!r}: its name lacks “bench”.")
        bench_url = with_database(server, name)
        reuse = False
        with psycopg.connect(admin_url, autocommit=True) as admin:
            exists = admin.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
            if exists and options["keep"]:
                reuse = True
            else:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
                admin.execute(f'CREATE DATABASE "{name}"')
        try:
            command = [
                sys.executable,
                sys.argv[0] if sys.argv[0].endswith("manage.py") else "manage.py",
                "bench_search",
                "--inner",
                *(f"--{key}={options[key]}" for key in ("posts", "topics")),
                *(f"--{key}={options[key]}" for key in ("articles", "documents")),
                f"--runs={options['runs']}",
                f"--database={name}",
            ]
            if reuse:
                command.append("--keep")
            env = {
                **os.environ,
                "DATABASE_URL": bench_url,
                "DJANGO_SETTINGS_MODULE": "regiondermitte.settings.bench",
                "DJANGO_ALLOWED_HOSTS": "testserver",
                # Nothing stored by an earlier run can answer.
                "DJANGO_CACHE_PREFIX": f"rdm-bench-search-{uuid.uuid4().hex[:8]}",
                # The static files' manifest that production's storage reads.
                "DJANGO_VAR_DIR": str(settings.BASE_DIR / "var" / "bench"),
            }
            redis = redis_url()
            if redis:
                env["REDIS_URL"] = redis
            else:
                env.pop("REDIS_URL", None)
            result = subprocess.run(command, env=env, check=False)  # noqa: S603
            if result.returncode:
                raise CommandError("The benchmark failed.")
        finally:
            if not options["keep"]:
                with psycopg.connect(admin_url, autocommit=True) as admin:
                    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')

    # --- inside the benchmark database ---------------------------------------------

    def run_inside(self, options):
        name = options["database"]
        if (
            connection.vendor != "postgresql"
            or connection.settings_dict["NAME"] != name
        ):
            raise CommandError(f"Run without --inner; it needs the database {name}.")
        from forums.models import Post

        if not (options["keep"] and Post.objects.exists()):
            started = time.perf_counter()
            call_command("migrate", verbosity=0)
            call_command("createcachetable", verbosity=0)
            self.fill(options)
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
            self.stdout.write(f"Filled in {time.perf_counter() - started:.0f} s.")
        call_command("collectstatic", interactive=False, verbosity=0)
        self.report_sizes()
        self.measure(options["runs"])

    def fill(self, options):
        vocabulary = Vocabulary(seed=7)
        rng = random.Random(11)
        now = datetime.now(UTC).replace(microsecond=0)
        users = self.fill_users(2_000)
        self.stdout.write("Users done; writing forum posts…")
        self.fill_forums(
            vocabulary,
            rng,
            users,
            now,
            topics=options["topics"],
            posts=options["posts"],
        )
        self.stdout.write("Forum posts done; writing articles…")
        self.fill_articles(vocabulary, rng, users, now, options["articles"])
        self.stdout.write("Articles done; writing documents…")
        self.fill_documents(vocabulary, rng, now, options["documents"])
        self.fill_contacts(vocabulary, rng)

    def fill_users(self, count):
        from accounts.models import User

        User.objects.bulk_create(
            User(
                email=f"bench{number}@example.org",
                display_name=f"Person {number}",
                password="!",  # noqa: S106
            )
            for number in range(count)
        )
        return list(User.objects.values_list("pk", flat=True))

    def fill_forums(self, vocabulary, rng, users, now, *, topics, posts):
        from forums.models import Forum, Topic

        forums = list(Forum.objects.values_list("pk", flat=True))
        start = now - timedelta(days=3 * 365)
        span = (now - start).total_seconds()
        topic_rows = []
        for number in range(topics):
            created = start + timedelta(seconds=span * number / topics)
            title = vocabulary.title(rng)
            topic_rows.append(
                Topic(
                    forum_id=rng.choice(forums),
                    title=title,
                    slug=f"thema-{number}",
                    author_id=rng.choice(users),
                    created_at=created,
                    last_post_at=created,
                    is_hidden=rng.random() < 0.005,
                    state_he=rng.random() < 0.6,
                    state_ni=rng.random() < 0.5,
                    state_nw=rng.random() < 0.5,
                )
            )
        Topic.objects.bulk_create(topic_rows, batch_size=1000)
        topic_list = list(Topic.objects.order_by("pk").values_list("pk", "created_at"))
        # Posts per topic: most topics are short, a few run to many pages.
        weights = [rng.paretovariate(1.3) for _ in topic_list]
        scale = (posts - len(topic_list)) / sum(weights)
        counts = [1 + int(weight * scale) for weight in weights]
        counts[0] += posts - sum(counts)
        planned = []  # (time, topic id)
        for (topic_id, created), count in zip(topic_list, counts, strict=True):
            remaining = (now - created).total_seconds()
            offsets = sorted(rng.random() ** 2 * remaining for _ in range(count - 1))
            planned.append((created, topic_id))
            planned.extend(
                (created + timedelta(seconds=offset), topic_id) for offset in offsets
            )
        planned.sort()
        rows_by_stream = ([], [])
        for post_id, (created, topic_id) in enumerate(planned, start=1):
            rows_by_stream[topic_id % 2].append((post_id, topic_id, created))
        copy_parallel(
            "forums_post",
            ["id", "topic_id", "author_id", "body", "body_html", "created_at"]
            + ["is_hidden", "hidden_reason"],
            [
                self.post_rows(vocabulary, random.Random(seed), stream, users)
                for seed, stream in enumerate(rows_by_stream)
            ],
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('forums_post', 'id'), "
                "(SELECT max(id) FROM forums_post))"
            )
            cursor.execute(
                """
                UPDATE forums_topic t SET post_count = s.count, last_post_id = s.last,
                    last_post_at = s.at
                FROM (SELECT topic_id, count(*) AS count, max(id) AS last,
                             max(created_at) AS at
                      FROM forums_post GROUP BY topic_id) s
                WHERE s.topic_id = t.id
                """
            )

    @staticmethod
    def post_rows(vocabulary, rng, planned, users):
        for post_id, topic_id, created in planned:
            paragraphs = [
                vocabulary.paragraph(rng, lognormal_int(rng, 3, 0.6, 1, 12))
                for _ in range(lognormal_int(rng, 2, 0.5, 1, 6))
            ]
            yield (
                post_id,
                topic_id,
                rng.choice(users),
                "\n\n".join(paragraphs),
                html_paragraphs(paragraphs),
                created,
                rng.random() < 0.01,
                "",
            )

    def fill_articles(self, vocabulary, rng, users, now, count):
        from news.models import Category

        categories = [
            Category.objects.create(name=name, slug=name.lower(), order=order).pk
            for order, name in enumerate(["Projekt", "Veranstaltung", "Förderung"])
        ]
        start = now - timedelta(days=8 * 365)
        span = (now - start).total_seconds()

        def rows(stream_rng, numbers):
            for number in numbers:
                paragraphs = [
                    vocabulary.paragraph(stream_rng, stream_rng.randint(3, 7))
                    for _ in range(stream_rng.randint(3, 8))
                ]
                roll = stream_rng.random()
                status = "draft" if roll < 0.02 else "published"
                published = start + timedelta(seconds=span * number / count)
                if roll > 0.99:
                    published = now + timedelta(days=stream_rng.randint(1, 30))
                yield (
                    number + 1,
                    vocabulary.title(stream_rng),
                    f"artikel-{number}",
                    vocabulary.sentence(stream_rng, 20, 35),
                    "\n\n".join(paragraphs),
                    html_paragraphs(paragraphs),
                    "[]",
                    stream_rng.choice(categories),
                    stream_rng.choice(users),
                    status,
                    published,
                    False,
                    published,
                    published,
                    stream_rng.random() < 0.6,
                    stream_rng.random() < 0.5,
                    stream_rng.random() < 0.5,
                    "",
                    "",
                )

        copy_parallel(
            "news_article",
            ["id", "title", "slug", "teaser", "body", "body_html", "image_renditions"]
            + ["category_id", "author_id", "status", "published_at", "featured"]
            + ["created_at", "updated_at", "state_he", "state_ni", "state_nw"]
            + ["image", "image_alt"],
            [
                rows(random.Random(100 + part), range(part, count, 2))
                for part in range(2)
            ],
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('news_article', 'id'), "
                "(SELECT max(id) FROM news_article))"
            )

    def fill_documents(self, vocabulary, rng, now, count):
        categories = [
            "srek",
            "regionalanalyse",
            "werkzeugkasten",
            "protokoll",
            "praesentation",
            "sonstiges",
        ]
        start = now - timedelta(days=6 * 365)
        span = (now - start).total_seconds()

        def rows(stream_rng, numbers):
            for number in numbers:
                pages = lognormal_int(stream_rng, 8, 1.0, 1, 300)
                # About 2,500 characters a page, as a report's PDF text has.
                text = "\n\n".join(
                    vocabulary.words_of(stream_rng, 330) for _ in range(pages)
                )
                description = vocabulary.paragraph(stream_rng, stream_rng.randint(2, 4))
                published = (start + timedelta(seconds=span * number / count)).date()
                yield (
                    number + 1,
                    vocabulary.title(stream_rng),
                    f"dokument-{number}",
                    description,
                    f"<p>{description}</p>",
                    stream_rng.choice(categories),
                    "draft" if stream_rng.random() < 0.04 else "published",
                    published,
                    "",
                    str(uuid.UUID(int=stream_rng.getrandbits(128))),
                    False,
                    f"documents/bench-{number}.pdf",
                    f"bench-{number}.pdf",
                    "pdf",
                    pages * 40_000,
                    pages,
                    text,
                    "",
                    "",
                    datetime.combine(published, datetime.min.time(), UTC),
                    datetime.combine(published, datetime.min.time(), UTC),
                    stream_rng.random() < 0.6,
                    stream_rng.random() < 0.5,
                    stream_rng.random() < 0.5,
                )

        copy_parallel(
            "documents_document",
            ["id", "title", "slug", "description", "description_html", "category"]
            + ["status", "published_on", "version_label", "series", "featured"]
            + ["file", "original_filename", "file_type", "file_size", "page_count"]
            + ["text", "cover", "thumbnail", "created_at", "updated_at"]
            + ["state_he", "state_ni", "state_nw"],
            [
                rows(random.Random(200 + part), range(part, count, 2))
                for part in range(2)
            ],
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('documents_document', 'id'), "
                "(SELECT max(id) FROM documents_document))"
            )

    def fill_contacts(self, vocabulary, rng):
        from contacts.models import Organisation, Person, Topic

        organisations = Organisation.objects.bulk_create(
            Organisation(
                name=f"Landkreis {place}",
                slug=f"landkreis-{number}",
                type="landkreis",
                state=rng.choice(["HE", "NI", "NW"]),
                city=place,
            )
            for number, place in enumerate(PLACES[:30])
        )
        topics = Topic.objects.bulk_create(
            Topic(name=noun, slug=f"thema-{number}")
            for number, noun in enumerate(NOUNS[:40])
        )
        persons = Person.objects.bulk_create(
            Person(
                name=f"{rng.choice(['Anna', 'Jonas', 'Miriam', 'Peter'])} "
                f"{rng.choice(PLACES)}mann",
                slug=f"person-{number}",
                function=vocabulary.title(rng),
                organisation=rng.choice(organisations),
                state_he=rng.random() < 0.5,
                state_ni=rng.random() < 0.5,
                state_nw=rng.random() < 0.5,
            )
            for number in range(300)
        )
        Person.topics.through.objects.bulk_create(
            Person.topics.through(person_id=person.pk, topic_id=topic.pk)
            for person in persons
            for topic in rng.sample(topics, rng.randint(1, 3))
        )

    def report_sizes(self):
        with connection.cursor() as cursor:
            for table in (
                "forums_post",
                "forums_topic",
                "news_article",
                "documents_document",
                "documents_passage",
                "contacts_person",
            ):
                cursor.execute(
                    f"SELECT count(*), pg_size_pretty(pg_total_relation_size('{table}')) "  # noqa: S608
                    f"FROM {table}"
                )
                rows, size = cursor.fetchone()
                self.stdout.write(f"  {table:<20} {rows:>8} rows {size:>10}")

    # --- measuring ---------------------------------------------------------------

    def queries_by_kind(self):
        vocabulary = Vocabulary(seed=7)
        content = vocabulary.frequency_band(
            vocabulary.content_start, vocabulary.compound_start
        )
        common = content[:6]
        middle = content[20:60]
        rare = vocabulary.words[-400:-380]
        pairs = [f"{middle[i]} {middle[i + 1]}" for i in range(0, 20, 2)]
        return {
            "rare word": rare,
            "common word": common,
            "two words": pairs,
            "phrase, frequent": ['"Region der Mitte"', '"ländlichen Raum"'],
            "phrase, rare as phrase": [
                f'"{common[i]} {common[i + 1]}"' for i in (0, 2, 4)
            ],
            "prefix of a word": [word[:5] for word in common + middle[:6]],
            "common, forum posts page 2": [
                {"q": word, "typ": "forenbeitraege", "seite": "2"} for word in common
            ],
            "common, signed-in member": [
                {"q": word, "_member": True} for word in common
            ],
        }

    def measure(self, runs):
        from django.contrib.auth import get_user_model

        from forums.models import Forum, Membership

        member = get_user_model().objects.order_by("pk").first()
        for forum in Forum.objects.filter(read_access="members"):
            Membership.objects.get_or_create(
                forum=forum, user=member, defaults={"status": "approved", "reason": "."}
            )
        anonymous, signed_in = Client(), Client()
        signed_in.force_login(member)

        timings = {}
        slowest = (0.0, None, None, None, None)
        addresses = itertools.count(1)
        for kind, queries in self.queries_by_kind().items():
            sql_times, cpu_times, view_times, counts = [], [], [], []
            for run in range(runs + len(queries)):
                params = queries[run % len(queries)]
                if isinstance(params, str):
                    params = {"q": params}
                params = {**params, "nr": next(addresses)}
                client = signed_in if params.pop("_member", False) else anonymous
                recorder = QueryTimer()
                cpu_before = backend_cpu_ns()
                with connection.execute_wrapper(recorder):
                    began = time.perf_counter()
                    response = client.get("/suche/", params)
                    elapsed = time.perf_counter() - began
                cpu = backend_cpu_ns() - cpu_before
                if response.status_code != 200:
                    raise CommandError(f"{params}: status {response.status_code}")
                if run < len(queries):
                    continue  # the first round warms PostgreSQL's buffers
                sql_times.append(recorder.total * 1000)
                cpu_times.append(cpu / 1e6)
                view_times.append(elapsed * 1000)
                counts.append(len(recorder.queries))
                duration, sql, sql_params = recorder.slowest()
                if duration > slowest[0]:
                    slowest = (duration, sql, sql_params, kind, params)
            timings[kind] = (sql_times, cpu_times, view_times, counts)

        self.stdout.write("")
        load = os.getloadavg()[0]
        self.stdout.write(
            f"{runs} requests per kind after a warm-up round. Load average when "
            f"done: {load:.1f} on {os.cpu_count()} cores (other processes slow "
            "the wall-clock times; PostgreSQL's own CPU time does not depend on them). "
            f"Cache: {'Redis' if settings.REDIS_URL else 'the database'}."
        )
        self.stdout.write(
            f"{'kind of query':<30}{'SQL median':>11}{'SQL p95':>9}"
            f"{'PG CPU median':>14}{'PG CPU p95':>11}{'view p50':>12}{'view p95':>10}"
            f"{'queries':>8}"
        )
        slow_sql, slow_view = [], []
        for kind, (sql_times, cpu_times, view_times, counts) in timings.items():
            p95 = percentile(sql_times, 95)
            if p95 >= GOAL_SQL_MS:
                slow_sql.append(kind)
            if percentile(view_times, 95) > GOAL_VIEW_MS:
                slow_view.append(kind)
            self.stdout.write(
                f"{kind:<30}{statistics.median(sql_times):>9.1f}ms{p95:>7.1f}ms"
                f"{statistics.median(cpu_times):>12.1f}ms"
                f"{percentile(cpu_times, 95):>9.1f}ms"
                f"{statistics.median(view_times):>10.1f}ms"
                f"{percentile(view_times, 95):>8.1f}ms{max(counts):>8}"
            )
        for goal, missed in (
            (f"SQL p95 < {GOAL_SQL_MS} ms", slow_sql),
            (f"view p95 ≤ {GOAL_VIEW_MS} ms", slow_view),
        ):
            self.stdout.write(
                f"Goal: {goal}: "
                + (
                    f"not met for {'; '.join(missed)}."
                    if missed
                    else "met for every kind."
                )
            )
        duration, sql, sql_params, kind, params = slowest
        self.stdout.write(
            f"\nSlowest single query ({duration * 1000:.1f} ms, {kind}: {params}):"
        )
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", sql_params)
            for (line,) in cursor.fetchall():
                self.stdout.write(f"  {line}")


class QueryTimer:
    """An execute_wrapper that times every query of a request."""

    def __init__(self):
        self.queries = []

    def __call__(self, execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append((time.perf_counter() - began, sql, params))

    @property
    def total(self) -> float:
        return sum(duration for duration, _sql, _params in self.queries)

    def slowest(self):
        return max(self.queries, key=lambda query: query[0], default=(0.0, None, None))


def backend_cpu_ns() -> int:
    """CPU time the PostgreSQL backend of this connection has used, in nanoseconds
    (0 when the server is not on this machine)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    try:
        with open(f"/proc/{pid}/schedstat") as stat:
            return int(stat.read().split()[0])
    except OSError:
        return 0


def percentile(values, share):
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(share / 100 * len(ordered)) - 1))
    return ordered[index]


def copy_parallel(table, columns, streams):
    """COPY rows into a table over one connection per stream (PostgreSQL computes the
    search vectors in its triggers, so two streams use both cores). Columns left out
    that may not be NULL get the model's default: a field added later with a default
    in Django only does not break the benchmark."""
    columns, defaults = _with_defaults(table, columns)
    conninfo = connection_url()
    errors = []

    def load(rows):
        try:
            with psycopg.connect(conninfo) as conn, conn.cursor() as cursor:
                statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
                with cursor.copy(statement) as copy:
                    for row in rows:
                        copy.write_row((*row, *defaults))
        except Exception as error:  # reported below, in the main thread
            errors.append(error)

    threads = [threading.Thread(target=load, args=(rows,)) for rows in streams]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


def _with_defaults(table, columns):
    """The columns, and the defaults of the model's NOT NULL columns not among them."""
    [model] = [m for m in apps.get_models() if m._meta.db_table == table]
    missing = [
        field
        for field in model._meta.concrete_fields
        if field.column not in columns and not field.null and not field.primary_key
    ]
    defaults = [
        field.get_db_prep_save(field.get_default(), connection) for field in missing
    ]
    return [*columns, *(field.column for field in missing)], defaults


def connection_url() -> str:
    values = connection.settings_dict
    user = values.get("USER") or ""
    password = f":{values['PASSWORD']}" if values.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    port = f":{values['PORT']}" if values.get("PORT") else ""
    return f"postgresql://{auth}{values.get('HOST') or ''}{port}/{values['NAME']}"


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def argparse_hidden():
    import argparse

    return argparse.SUPPRESS
