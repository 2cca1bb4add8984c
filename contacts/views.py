from django.core.exceptions import BadRequest
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe
from django.views.generic import DetailView
from django_filters.views import FilterView

from accounts.models import Affiliation
from core.pdf import render_pdf
from core.site import absolute

from . import jsonld, pdf, vcard
from .filters import PersonFilter
from .models import Municipality, Organisation, Person, Responsibility, Task


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
        .prefetch_related(
            "topics",
            Prefetch(
                "organisation__affiliations",
                Affiliation.objects.shown().select_related("user"),
                to_attr="members",
            ),
        )
    )
    template_name = "contacts/person_detail.html"

    def get_context_data(self, **kwargs):
        person = self.object
        url = self.request.build_absolute_uri(person.get_absolute_url())
        context = {"og_type": "profile"}
        if person.photo:
            context.update(
                og_image=person.photo.url,
                og_image_alt=person.photo_alt,
                og_image_width=person.photo_width,
                og_image_height=person.photo_height,
            )
        return super().get_context_data(
            json_ld=jsonld.person(person, request=self.request, url=url),
            **context,
            **kwargs,
        )


class OrganisationDetailView(DetailView):
    """An organisation: its published entries, the members confirmed in the portal
    who chose to be shown, and the municipalities it is responsible for."""

    template_name = "contacts/organisation_detail.html"
    queryset = Organisation.objects.prefetch_related(
        Prefetch("persons", Person.objects.published().order_by("order", "name")),
        Prefetch(
            "affiliations",
            Affiliation.objects.shown().select_related("user").order_by("function"),
            to_attr="members",
        ),
        Prefetch(
            "responsibilities",
            Responsibility.objects.select_related("municipality").order_by(
                "task", "municipality__name"
            ),
        ),
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tasks: dict[str, dict] = {}
        for responsibility in self.object.responsibilities.all():
            tasks.setdefault(
                responsibility.task,
                {"label": responsibility.get_task_display(), "municipalities": []},
            )["municipalities"].append(responsibility.municipality)
        context["tasks"] = [tasks[task] for task in sorted(tasks, key=Task.position)]
        return context


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


# --- Wer ist zuständig? ------------------------------------------------------


@require_safe
def municipality_search(request):
    """The form, and a server-side result list as the suggestions (no JavaScript).

    One exact match leads straight to its page; no match names the closest names,
    and, as the empty form does, lists them all, so that the reader sees what is
    known.
    """
    query = " ".join(request.GET.get("q", "").split())[:100]
    context = {"query": query}
    results = []
    if query:
        results = list(Municipality.objects.find(query)[:20])
        exact = [m for m in results if m.name.lower() == query.lower()]
        if len(results) == 1 or len(exact) == 1:
            return redirect((exact or results)[0])
        context["results"] = results
        if not results:
            context["closest"] = Municipality.objects.closest(query)
    if not results:
        context["municipalities"] = Municipality.objects.order_by(
            "state", "district", "name"
        ).only("name", "slug", "state", "district")
    return render(request, "contacts/municipality_search.html", context)


class MunicipalityDetailView(DetailView):
    queryset = Municipality.objects.with_bodies()
    template_name = "contacts/municipality_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["groups"] = self.object.bodies_by_task()
        context["json_ld"] = jsonld.municipality(
            self.object, context["groups"], request=self.request
        )
        return context


@require_safe
def municipality_pdf(request, slug):
    municipality = get_object_or_404(Municipality.objects.with_bodies(), slug=slug)
    data = render_pdf(
        "contacts/municipality_pdf.html",
        {
            "municipality": municipality,
            "groups": municipality.bodies_by_task(),
            "generated_at": timezone.now(),
            "municipality_url": absolute(municipality.get_absolute_url()),
        },
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=f"zustaendig-{municipality.slug}.pdf"
    )
    return response


@require_safe
def organisation_vcard(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    url = request.build_absolute_uri(request.path)
    response = HttpResponse(
        vcard.organisation_vcard(organisation, url=url).encode(),
        content_type="text/vcard; charset=utf-8",
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{organisation.slug}.vcf"
    )
    return response
