from django.core.exceptions import BadRequest
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe
from django.views.generic import DetailView
from django_filters.views import FilterView

from . import pdf, vcard
from .filters import PersonFilter
from .models import Person


class PersonListView(FilterView):
    """The directory, grouped by organisation in the template (ordered for it here).

    Paginated like the other lists, so that a directory of hundreds of entries stays a
    page that loads fast and reads well; a group that a page break splits is headed
    again on the next page, marked as continued.
    """

    filterset_class = PersonFilter
    queryset = Person.objects.directory()
    template_name = "contacts/person_list.html"
    context_object_name = "persons"
    paginate_by = 50
    page_kwarg = "seite"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        if page and page.number > 1:
            before = page.paginator.object_list.values_list(
                "organisation_id", flat=True
            )
            context["continued_organisation_id"] = before[page.start_index() - 2]
        return context


class PersonDetailView(DetailView):
    queryset = (
        Person.objects.published()
        .select_related("organisation")
        .prefetch_related("topics")
    )
    template_name = "contacts/person_detail.html"


@require_safe
def person_vcard(request, slug):
    person = get_object_or_404(
        Person.objects.published()
        .select_related("organisation")
        .prefetch_related("topics"),
        slug=slug,
    )
    url = request.build_absolute_uri(person.get_absolute_url())
    response = HttpResponse(
        vcard.person_vcard(person, url=url).encode(),
        content_type="text/vcard; charset=utf-8",
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{person.slug}.vcf"
    )
    return response


@require_safe
def directory_pdf(request):
    """The directory (with the filters of the query string) as a tagged PDF."""
    filterset = PersonFilter(
        request.GET or None, queryset=Person.objects.directory(), request=request
    )
    if filterset.is_bound and not filterset.is_valid():
        raise BadRequest("Invalid directory filter.")
    data = pdf.directory_pdf(
        persons=filterset.qs, filters=filterset.selection(), request=request
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename="ansprechpersonen-region-der-mitte.pdf"
    )
    return response
