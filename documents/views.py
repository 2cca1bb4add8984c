from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_safe
from django.views.generic import DetailView
from django_filters.views import FilterView

from core.pagination import SeekPaginator

from . import jsonld, pdf
from .filters import DocumentFilter
from .models import Category, Document
from .services import document_record_download

RELATED_ARTICLES = 5
HANDOUT_FILENAME = "Werkzeugkasten – Region der Mitte.pdf"


class DocumentListView(FilterView):
    filterset_class = DocumentFilter
    template_name = "documents/document_list.html"
    context_object_name = "documents"
    paginate_by = 20
    # Deep pages cost what the first does (keyset pagination).
    paginator_class = SeekPaginator
    page_kwarg = "seite"

    def get_queryset(self):
        return Document.objects.visible_to(self.request.user).for_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = self.filterset.form.cleaned_data if self.filterset.is_valid() else {}
        context["category"] = (
            Category(data["kategorie"]) if data.get("kategorie") else None
        )
        context["toolbox"] = Category.TOOLBOX
        return context


class DocumentDetailView(DetailView):
    context_object_name = "document"
    template_name = "documents/document_detail.html"

    def get_queryset(self):
        return (
            Document.objects.visible_to(self.request.user).with_replaced().defer("text")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = self.object
        versions = list(
            Document.objects.visible_to(self.request.user)
            .filter(series=document.series)
            .for_list()
        )
        context["versions"] = versions if len(versions) > 1 else []
        if document.is_replaced:
            context["current_version"] = next(
                (v for v in versions if v.is_published and not v.is_replaced), None
            )
        context["articles"] = _related_articles(document)
        # A replaced version points search engines to the current one.
        canonical = context.get("current_version") or document
        url = self.request.build_absolute_uri(canonical.get_absolute_url())
        context["canonical_url"] = url
        if document.cover:
            context.update(
                og_image=document.cover.url,
                og_image_alt=_("Cover of the document"),
                og_image_width=document.cover_width,
                og_image_height=document.cover_height,
            )
        context["json_ld"] = jsonld.document(
            document,
            request=self.request,
            url=self.request.build_absolute_uri(document.get_absolute_url()),
        )
        return context


def _related_articles(document) -> list:
    """Published news that name this document (news links articles to documents)."""
    return list(document.articles.published()[:RELATED_ARTICLES])


@require_safe
def document_download(request, slug):
    """The file itself, as an attachment; each GET counts (a number per day, no more)."""
    document = get_object_or_404(
        Document.objects.visible_to(request.user).only(
            "slug",
            "title",
            "version_label",
            "status",
            "published_on",
            "file",
            "file_type",
            "file_size",
        ),
        slug=slug,
    )
    try:
        file = document.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    if request.method == "GET" and document.is_published:
        document_record_download(document=document)
    response = FileResponse(
        file,
        as_attachment=True,
        filename=document.download_name,
        content_type=document.mime_type,
    )
    # Every download is counted, so browsers and proxies must ask again.
    patch_cache_control(response, private=True, no_cache=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def srek_redirect(request):
    """/srek/: the page of the current SREK, whichever version that is."""
    srek = Document.objects.current_srek()
    if srek is None:
        raise Http404
    return redirect(srek)


@require_GET
def handout_pdf(request):
    """The Werkzeugkasten handout ("Als PDF herunterladen" on the category's list)."""
    response = HttpResponse(
        pdf.handout_pdf(site_url=settings.SITE_URL, request=request),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = content_disposition_header(True, HANDOUT_FILENAME)
    return response
