"""Fills the benchmark database at the size of a busy regional portal, quickly.

Rows go in with bulk_create in batches through the apps' models. What the apps' save()
methods and services derive (rendered HTML, slugs, the forums' counters and last
activity) is filled here the same way, so the pages read what they would read in
production: Markdown is rendered once per distinct text, the forum counters are
recomputed in SQL by the rules of `forums.services._refresh_topic/_refresh_forum`.
"""

import datetime
import time
import uuid
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from contacts.models import Organisation, OrganisationType, Person
from contacts.models import Topic as ContactTopic
from core import markdown
from core.text import german_slugify
from demo.loaders import pages as demo_pages
from documents.models import Category as DocumentCategory
from documents.models import Document, FileType
from forums.models import Forum, Post, Space, Topic
from news.models import Article
from news.models import Category as NewsCategory

from . import text

BATCH = 2000
# The topic the table calls "topic of 100 posts", in the open Nachbarschaftsforum.
LONG_TOPIC_POSTS = 100
LONG_TOPIC_TITLE = "Bürgerbus über die Landesgrenze: Erfahrungen aus den Dörfern"
BENCH_PASSWORD = "bench-leser-passwort"  # noqa: S105 (a throwaway database)
READER_EMAIL = "leser@bench.example"
# The people who reply to the long topic during the "while posting" rows, in turn:
# 15 of them keep each under the forum's 5 replies a minute at one reply a second.
WRITER_EMAILS = [f"schreiber{number:02d}@bench.example" for number in range(1, 16)]
# A word that no generated sentence contains: one post in RARE_WORD_EVERY has it,
# for the table's "search, rare word" row.
RARE_WORD = "Streuobstwiesen"
RARE_WORD_EVERY = 1000


@dataclass
class Size:
    articles: int = 2000
    documents: int = 500
    forums: int = 10
    topics: int = 5000
    posts: int = 100_000
    contacts: int = 500
    users: int = 2000

    def scaled(self, factor: float) -> "Size":
        values = {
            name: max(1, int(value * factor)) for name, value in vars(self).items()
        }
        values["forums"] = self.forums
        values["posts"] = max(values["posts"], values["topics"] + LONG_TOPIC_POSTS)
        return Size(**values)


EXTRA_FORUMS = [
    ("digitalisierung", "Digitalisierung und Breitband"),
    ("daseinsvorsorge", "Daseinsvorsorge und Gesundheit"),
    ("tourismus", "Tourismus und Naherholung"),
    ("bildung", "Bildung und Ausbildung"),
    ("landwirtschaft", "Landwirtschaft und Regionalvermarktung"),
]


def seed(*, size: Size, stdout, seed_value: int = 2026) -> None:
    """Fill an empty, migrated database."""
    writer = text.Writer(seed_value)
    now = timezone.now()
    started = time.monotonic()

    def log(message):
        stdout.write(f"  {message} ({time.monotonic() - started:.0f} s)")

    with transaction.atomic():
        _pages(stdout)
        users = _users(writer, size.users, now)
        log(f"{len(users)} users")
        documents = _documents(writer, size.documents, now)
        log(f"{len(documents)} documents")
        articles = _articles(writer, size.articles, users, documents, now)
        log(f"{len(articles)} articles")
        _forums(writer, size, users, now)
        log(f"{size.topics} topics, {size.posts} posts in {size.forums} forums")
        persons = _contacts(writer, size.contacts)
        log(f"{len(persons)} contacts")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def _pages(stdout) -> None:
    # The editor-kept pages, goals and operator data that the home page shows.
    demo_pages.load(stdout=_Silent())


class _Silent:
    def write(self, *args, **kwargs):
        pass


def _pool(writer: text.Writer, count: int, paragraphs=(2, 4)) -> list[tuple[str, str]]:
    """Distinct Markdown texts with their rendered HTML, rendered once each."""
    texts = [writer.markdown(paragraphs) for _ in range(count)]
    return [(body, markdown.render(body)) for body in texts]


def _users(writer: text.Writer, count: int, now) -> list[User]:
    # One hash for all: hashing 2,000 passwords would take minutes and prove nothing.
    password = make_password(BENCH_PASSWORD)
    users = [
        User(
            email=READER_EMAIL,
            display_name="Lena Leserin",
            password=password,
            date_joined=now - datetime.timedelta(days=1200),
        )
    ]
    for number in range(1, count):
        name, _family = writer.person_name()
        users.append(
            User(
                email=f"person{number:05d}@bench.example",
                display_name=name,
                password=password,
                organisation=writer.choice(text.PLACES),
                function=writer.choice(text.FUNCTIONS),
                show_organisation=writer.random.random() < 0.5,
                show_function=writer.random.random() < 0.5,
                date_joined=now
                - datetime.timedelta(days=writer.random.randint(1, 1100)),
            )
        )
    users = User.objects.bulk_create(users, batch_size=BATCH)
    # The writers come last and write nothing in the seed: the content stays as it
    # was before they were added.
    writers = User.objects.bulk_create(
        User(
            email=email,
            display_name=f"Schreiberin {number}",
            password=password,
            date_joined=now - datetime.timedelta(days=400),
        )
        for number, email in enumerate(WRITER_EMAILS, start=1)
    )
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user=user, email=user.email, verified=True, primary=True)
            for user in [*users, *writers]
        ],
        batch_size=BATCH,
    )
    return users


def _documents(writer: text.Writer, count: int, now) -> list[Document]:
    pool = _pool(writer, 60, paragraphs=(1, 3))
    categories = [choice for choice, _label in DocumentCategory.choices]
    today = timezone.localdate()
    documents = []
    for number in range(count):
        title = writer.title()
        description, description_html = writer.choice(pool)
        roll = writer.random.random()
        published_on = today - datetime.timedelta(days=writer.random.randint(0, 1500))
        if roll < 0.03:
            status = Document.Status.DRAFT
        elif roll < 0.05:
            status = Document.Status.PUBLISHED
            published_on = today + datetime.timedelta(days=writer.random.randint(1, 60))
        else:
            status = Document.Status.PUBLISHED
        pages = writer.random.randint(2, 180)
        documents.append(
            Document(
                title=title,
                slug=f"{german_slugify(title, max_length=180)}-{number + 1}",
                description=description,
                description_html=description_html,
                category=categories[number % len(categories)],
                status=status,
                published_on=published_on,
                version_label="",
                series=uuid.uuid4(),
                file="documents/bench-dokument.pdf",
                original_filename="dokument.pdf",
                file_type=FileType.PDF,
                file_size=writer.random.randint(80_000, 25_000_000),
                page_count=pages,
                cover="documents/covers/bench-cover.png",
                cover_width=600,
                cover_height=849,
                thumbnail="documents/covers/bench-thumb.png",
                thumbnail_width=120,
                thumbnail_height=170,
                # Search finds words inside PDFs: some pages of extracted text.
                text="\n\n".join(writer.paragraph((4, 8)) for _ in range(6)),
            )
        )
    # The SREK: featured, published, current; its first edition replaced by it.
    srek_old, srek = documents[0], documents[1]
    for document, label, days in (
        (srek_old, "1. Fassung", 700),
        (srek, "2. Fassung", 30),
    ):
        document.title = "Strategisches Regionales Entwicklungskonzept (SREK)"
        document.category = DocumentCategory.SREK
        document.status = Document.Status.PUBLISHED
        document.published_on = today - datetime.timedelta(days=days)
        document.version_label = label
        document.featured = True
    srek.series = srek_old.series
    documents = Document.objects.bulk_create(documents, batch_size=500)
    # Every tenth document is a second edition of the one before it.
    srek.replaces = srek_old
    replacing = [srek]
    for older, newer in zip(documents[10::10], documents[11::10], strict=False):
        newer.replaces, newer.series = older, older.series
        newer.version_label, older.version_label = "2. Auflage", "1. Auflage"
        replacing += [older, newer]
    Document.objects.bulk_update(replacing, ["replaces", "series", "version_label"])
    return documents


def _articles(writer, count, users, documents, now) -> list[Article]:
    pool = _pool(writer, 200, paragraphs=(3, 7))
    categories = [
        NewsCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "order": order}
        )[0]
        for order, (slug, name) in enumerate(
            [
                ("projekt", "Projekt"),
                ("veranstaltung", "Veranstaltung"),
                ("foerderung", "Förderung"),
                ("regionalanalyse", "Regionalanalyse"),
                ("presse", "Presse"),
                ("aus-den-foren", "Aus den Foren"),
            ]
        )
    ]
    authors = users[1:8]
    articles = []
    for number in range(count):
        title = writer.title()
        body, body_html = writer.choice(pool)
        roll = writer.random.random()
        published_at = now - datetime.timedelta(
            minutes=writer.random.randint(60, 1_800_000)
        )
        status = Article.Status.PUBLISHED
        if roll < 0.02:
            status = Article.Status.DRAFT
        elif roll < 0.03:
            published_at = now + datetime.timedelta(days=writer.random.randint(1, 30))
        articles.append(
            Article(
                title=title,
                slug=f"{german_slugify(title, max_length=180)}-{number + 1}",
                teaser=writer.paragraph((1, 2)),
                body=body,
                body_html=body_html,
                category=writer.choice(categories),
                author=writer.choice(authors),
                status=status,
                published_at=published_at,
                featured=number < 2,
                state_he=writer.random.random() < 0.6,
                state_ni=writer.random.random() < 0.5,
                state_nw=writer.random.random() < 0.5,
            )
        )
    articles = Article.objects.bulk_create(articles, batch_size=BATCH)
    published_documents = [
        d for d in documents if d.status == Document.Status.PUBLISHED
    ]
    through = Article.related_documents.through
    links = []
    for article in articles[::8]:
        for document in writer.random.sample(published_documents, 2):
            links.append(through(article_id=article.pk, document_id=document.pk))
    through.objects.bulk_create(links, batch_size=BATCH)
    return articles


def _post_counts(writer, topics: int, posts: int) -> list[int]:
    """Posts per topic: the first has exactly 100; every topic at least one; a long tail."""
    rest = posts - LONG_TOPIC_POSTS
    weights = [min(writer.random.paretovariate(1.6), 40.0) for _ in range(topics - 1)]
    scale = (rest - (topics - 1)) / sum(weights)
    counts = [1 + int(weight * scale) for weight in weights]
    shortfall = rest - sum(counts)
    for index in range(shortfall):
        counts[index % len(counts)] += 1
    return [LONG_TOPIC_POSTS, *counts]


def _forums(writer, size: Size, users, now) -> None:
    fachforen = Space.objects.get(slug="fachforen")
    forums = list(Forum.objects.order_by("pk"))
    for slug, name in EXTRA_FORUMS[: max(0, size.forums - len(forums))]:
        forums.append(
            Forum.objects.create(
                space=fachforen,
                slug=slug,
                name=name,
                description=writer.paragraph((1, 2)),
                order=10 + len(forums),
                read_access=Forum.ReadAccess.EVERYONE,
                post_access=Forum.PostAccess.MEMBERS,
                state_he=True,
                state_ni=True,
                state_nw=True,
            )
        )
    for forum in forums:
        forum.moderators.add(*writer.random.sample(users[8:60], 2))
    open_forum = Forum.objects.get(slug="nachbarschaftsforum")
    # The open forum carries a third of the topics; the others share the rest.
    forum_of_topic = [
        open_forum if writer.random.random() < 0.34 else writer.choice(forums)
        for _ in range(size.topics)
    ]
    forum_of_topic[0] = open_forum
    counts = _post_counts(writer, size.topics, size.posts)
    pool = _pool(writer, 300, paragraphs=(1, 4))
    span = 1_500_000  # minutes: about three years of activity
    topics = []
    for number in range(size.topics):
        title = writer.title()
        created = now - datetime.timedelta(minutes=writer.random.randint(1, span))
        topics.append(
            Topic(
                forum=forum_of_topic[number],
                title=title,
                slug=german_slugify(title) or "thema",
                author=writer.choice(users),
                created_at=created,
                last_post_at=created,
                is_pinned=number % 700 == 1,
                is_locked=number % 90 == 5,
                is_hidden=number % 250 == 7,
                state_he=writer.random.random() < 0.6,
                state_ni=writer.random.random() < 0.5,
                state_nw=writer.random.random() < 0.5,
            )
        )
    # The long topic is recent, so it sits on the first page of its forum.
    topics[0].created_at = now - datetime.timedelta(days=20)
    topics[0].title = LONG_TOPIC_TITLE
    topics[0].slug = german_slugify(LONG_TOPIC_TITLE)
    topics[0].is_hidden = topics[0].is_pinned = topics[0].is_locked = False
    topics = Topic.objects.bulk_create(topics, batch_size=BATCH)
    # Posts: written in time order (ids grow with time, as the app assumes).
    rows = []
    for topic, count in zip(topics, counts, strict=True):
        started = topic.created_at
        room = max(1, int((now - started).total_seconds() // 60))
        offsets = sorted(
            writer.random.randint(1, min(room, 90 * 24 * 60)) for _ in range(count - 1)
        )
        rows.append((started, topic, True))
        rows.extend(
            (started + datetime.timedelta(minutes=m), topic, False) for m in offsets
        )
    rows.sort(key=lambda row: row[0])
    long = topics[0]
    batch = []
    for number, (created, topic, first) in enumerate(rows, start=1):
        body, body_html = writer.choice(pool)
        if number % RARE_WORD_EVERY == 0:
            body += f"\n\nAuch die {RARE_WORD} am Ortsrand gehören dazu."
            body_html = markdown.render(body)
        # A few hidden replies, never in the long topic: it keeps exactly 100 posts.
        hidden = not first and topic is not long and writer.random.random() < 0.005
        batch.append(
            Post(
                topic=topic,
                author=writer.choice(users) if not first else topic.author,
                body=body,
                body_html=body_html,
                created_at=created,
                is_hidden=hidden,
                hidden_reason="Verstößt gegen die Regeln des Forums." if hidden else "",
            )
        )
        if len(batch) >= BATCH:
            Post.objects.bulk_create(batch)
            batch = []
    Post.objects.bulk_create(batch)
    _refresh_counters()


def forget_replies() -> int:
    """Removes what the writers of an earlier run posted (`--reuse`), so the long
    topic has its 100 posts again; returns how many posts went."""
    replies = Post.objects.filter(author__email__in=WRITER_EMAILS)
    count = replies.count()
    if count:
        replies.delete()
        _refresh_counters()
    return count


def _refresh_counters() -> None:
    """The counters and last activity the forum services keep, for every row at once."""
    topic, post, forum = Topic._meta.db_table, Post._meta.db_table, Forum._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {topic} t SET post_count = s.posts, last_post_id = s.last_id,
                   last_post_at = p.created_at
            FROM (SELECT topic_id, count(*) AS posts, max(id) AS last_id
                  FROM {post} WHERE NOT is_hidden GROUP BY topic_id) s
            JOIN {post} p ON p.id = s.last_id
            WHERE t.id = s.topic_id
            """  # noqa: S608 (table names from the models)
        )
        cursor.execute(
            f"""
            UPDATE {forum} f SET topic_count = s.topics, post_count = s.posts
            FROM (SELECT forum_id, count(*) AS topics, coalesce(sum(post_count), 0) AS posts
                  FROM {topic} WHERE NOT is_hidden GROUP BY forum_id) s
            WHERE f.id = s.forum_id
            """  # noqa: S608
        )
        cursor.execute(
            f"""
            UPDATE {forum} f SET last_post_id = s.last_id, last_post_at = p.created_at
            FROM (SELECT t.forum_id, max(p.id) AS last_id
                  FROM {post} p JOIN {topic} t ON t.id = p.topic_id
                  WHERE NOT t.is_hidden AND NOT p.is_hidden GROUP BY t.forum_id) s
            JOIN {post} p ON p.id = s.last_id
            WHERE f.id = s.forum_id
            """  # noqa: S608
        )


def _contacts(writer, count: int) -> list[Person]:
    topics = [
        ContactTopic.objects.get_or_create(
            slug=german_slugify(name), defaults={"name": name}
        )[0]
        for name in text.TOPICS[:14]
    ]
    types = [choice for choice, _label in OrganisationType.choices]
    organisations = []
    for number in range(max(1, count // 6)):
        place = writer.choice(text.PLACES)
        kind = types[number % len(types)]
        name = f"{OrganisationType(kind).label} {place} {number + 1}"
        organisations.append(
            Organisation(
                name=name,
                slug=f"{german_slugify(name)}",
                type=kind,
                state=writer.choice(["HE", "NI", "NW"]),
                street=f"Marktplatz {writer.random.randint(1, 40)}",
                postcode=f"3{writer.random.randint(1000, 9999)}",
                city=place,
                phone=f"0 56 {writer.random.randint(10, 99)} / {writer.random.randint(100, 999)}-0",
                email=f"info{number}@bench.example",
                website=f"https://www.example.org/{number}",
            )
        )
    organisations = Organisation.objects.bulk_create(organisations)
    persons = []
    for number in range(count):
        name, family = writer.person_name()
        persons.append(
            Person(
                name=name,
                family_name=family,
                slug=f"{german_slugify(name)}-{number + 1}",
                function=writer.choice(text.FUNCTIONS),
                organisation=writer.choice(organisations),
                phone=f"0 56 {writer.random.randint(10, 99)} / {writer.random.randint(1000, 9999)}",
                email=f"kontakt{number}@bench.example",
                order=writer.random.randint(0, 50),
                show_on_home=number < 8,
                published=number < 8 or writer.random.random() > 0.03,
                state_he=writer.random.random() < 0.5,
                state_ni=writer.random.random() < 0.4,
                state_nw=writer.random.random() < 0.4,
            )
        )
    persons = Person.objects.bulk_create(persons, batch_size=BATCH)
    through = Person.topics.through
    through.objects.bulk_create(
        [
            through(person_id=person.pk, topic_id=topic.pk)
            for person in persons
            for topic in writer.random.sample(topics, writer.random.randint(1, 3))
        ],
        batch_size=BATCH,
    )
    return persons
