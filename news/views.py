from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET
from django.views.generic import DetailView
from django_filters.views import FilterView

from core import pagecache
from core.pagination import SeekPaginator
from core.pdf import render_pdf
from core.site import absolute
from pages.models import Operator

from . import jsonld
from .filters import ArticleFilter
from .models import Article

# Renewed with the news; the lifetime only bounds what an unused PDF takes.
PDF_SECONDS = 24 * 60 * 60


class ArticleListView(FilterView):
    filterset_class = ArticleFilter
    template_name = "news/article_list.html"
    paginate_by = 10
    # Deep pages cost what the first does (keyset pagination).
    paginator_class = SeekPaginator
    page_kwarg = "seite"

    def get_queryset(self):
        # Per request: "published" depends on the time of the request.
        return Article.objects.for_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = self.filterset.form
        # A list of one category offers that category's feeds, too.
        if form.is_valid() and form.cleaned_data.get("kategorie"):
            context["feed_category"] = form.cleaned_data["kategorie"]
        return context


class ArticleDetailView(DetailView):
    template_name = "news/article_detail.html"

    def get_queryset(self):
        # Drafts and scheduled articles: 404 for everyone who may not preview them.
        return Article.objects.visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        article = self.object
        image = article.largest_rendition
        url = self.request.build_absolute_uri(article.get_absolute_url())
        image_url = self.request.build_absolute_uri(image["url"]) if image else None
        return super().get_context_data(
            canonical_url=url,
            og_type="article",
            og_image=image_url,
            og_image_alt=article.image_alt,
            og_image_width=image["width"] if image else None,
            og_image_height=image["height"] if image else None,
            json_ld=jsonld.article(
                article, request=self.request, url=url, image_url=image_url
            ),
            more_articles=Article.objects.for_list().exclude(pk=article.pk)[:3],
            related_documents=article.related_documents.published().for_list(),
            **kwargs,
        )


@require_GET
def article_pdf(request, slug):
    """The article to print or keep, as a tagged PDF; only published articles."""
    article = get_object_or_404(Article.objects.published(), slug=slug)
    article_url = absolute(article.get_absolute_url())
    # Rendering takes a moment: kept until the news, its documents (the groups
    # `news` renews, news/cache.py) or the operator change.
    pdf = pagecache.remember(
        f"news:pdf:{article_url}",
        [pagecache.NEWS],
        lambda: render_pdf(
            "news/article_pdf.html",
            {
                "article": article,
                "article_url": article_url,
                "related_documents": list(article.related_documents.published()),
                "operator": Operator.objects.current(),
            },
        ),
        request=request,
        seconds=PDF_SECONDS,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{article.slug}.pdf"'
    return response
