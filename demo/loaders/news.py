"""Demo news: the categories (`demo/content/news.toml`) and the articles
(`demo/content/news/*.md`, front matter and body), saved through `article_save` so
images get their responsive renditions and texts their sanitized HTML.

Idempotent: categories and articles are looked up by slug; what exists stays as it is.
"""

from accounts.models import User
from demo.content import Entry, data, entries, fields, state_flags, upload
from documents.models import Document
from news import services
from news.models import Article, Category

EDITOR_EMAIL = "redaktion@demo.regiondermitte.de"


def load(*, stdout) -> None:
    author = User.objects.filter(email=EDITOR_EMAIL).first()
    categories = {
        row["slug"]: Category.objects.get_or_create(
            slug=row["slug"], defaults=fields(row, "slug")
        )[0]
        for row in data("news")["categories"]
    }
    existing = set(Article.objects.values_list("slug", flat=True))
    created = 0
    for entry in entries("news"):
        if entry["slug"] not in existing:
            _create(entry, category=categories[entry["category"]], author=author)
            created += 1
    stdout.write(f"News: {created} demo articles created.")


def _create(entry: Entry, *, category: Category, author: User | None) -> Article:
    article = Article(
        **entry.fields("category", "states", "status", "image", "related_documents"),
        # An article is published unless its file says `status = "draft"`.
        status=entry.get("status", Article.Status.PUBLISHED),
        body=entry.body,
        category=category,
        author=author,
        **state_flags(entry["states"]),
    )
    if "image" in entry.meta:
        article.image = upload(entry["image"])
    article = services.article_save(
        article=article, image_changed="image" in entry.meta
    )
    # The documents are loaded first (LOADERS_IN_ORDER); a missing one is left out.
    related = entry.get("related_documents", [])
    article.related_documents.set(Document.objects.filter(slug__in=related))
    return article
