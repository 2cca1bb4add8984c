"""An article as a schema.org `NewsArticle`."""

from pages.jsonld import publisher

from .models import Article


def article(article: Article, *, request, url: str, image_url: str | None) -> dict:
    data = {
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.teaser,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": "de",
        "articleSection": article.category.name,
        "dateModified": article.updated_at.isoformat(),
        "publisher": publisher(request=request),
    }
    if article.published_at:
        data["datePublished"] = article.published_at.isoformat()
    if article.author:
        data["author"] = {"@type": "Person", "name": article.author.public_name}
    if image_url:
        data["image"] = image_url
    return data
