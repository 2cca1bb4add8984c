from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from core.states import State
from documents.models import Document
from events.models import Event
from forums.models import Topic
from forums.permissions import topic_or_404

from . import jsonld, pdf, services
from .filters import CardFilter
from .models import ArgumentCard, CardVersion, PlanningTopic
from .permissions import may_draft_from


def reader_state(request) -> str | None:
    """The state a reader reads for: the filter's (?land=), else their profile's."""
    state = request.GET.get("land", "")
    if state in State.values:
        return state
    profile_state = getattr(request.user, "state", "")
    return profile_state if profile_state in State.values else None


class CardListView(FilterView):
    """Published cards by planning topic; with ?land= each shows that state's basis."""

    filterset_class = CardFilter
    template_name = "toolbox/card_list.html"
    paginate_by = 50
    page_kwarg = "seite"

    def get_queryset(self):
        return ArgumentCard.objects.published().for_list()

    def get_context_data(self, **kwargs):
        state = self.request.GET.get("land", "")
        state = state if state in State.values else None
        context = super().get_context_data(**kwargs)
        for card in context["page_obj"].object_list:
            card.reader_sections = card.sections_for(state)
        context.update(
            chosen_state=state,
            chosen_state_label=State(state).label if state else "",
            states=State.choices,
            topics=PlanningTopic.choices,
        )
        return context


def _card_or_404(request, slug) -> ArgumentCard:
    return get_object_or_404(
        ArgumentCard.objects.visible_to(request.user).select_related("agreed_by"),
        slug=slug,
    )


class CardDetailView(DetailView):
    template_name = "toolbox/card_detail.html"
    context_object_name = "card"

    def get_queryset(self):
        return (
            ArgumentCard.objects.visible_to(self.request.user)
            .select_related("agreed_by", "source_topic__forum")
            .prefetch_related("sections")
        )

    def get_context_data(self, **kwargs):
        card = self.object
        user = self.request.user
        state = reader_state(self.request)
        canonical_url = self.request.build_absolute_uri(card.get_absolute_url())
        source_topic = card.source_topic
        if source_topic is not None and not (
            Topic.objects.visible_to(user).filter(pk=source_topic.pk).exists()
        ):
            source_topic = None
        return super().get_context_data(
            reader_state=state,
            reader_state_label=State(state).label if state else "",
            sections=card.sections_for(state),
            document_sources=card.document_sources.filter(
                document__in=Document.objects.visible_to(user)
            ).select_related("document"),
            citations=card.citations.all(),
            forum_topics=Topic.objects.visible_to(user)
            .filter(argument_cards=card)
            .select_related("forum")
            .order_by("-last_post_at"),
            source_topic=source_topic,
            events=Event.objects.visible_to(user)
            .filter(argument_cards=card)
            .order_by("-starts_at"),
            contacts=card.contacts.published().select_related("organisation"),
            versions=card.versions.only(
                "card_id", "number", "change_note", "created_at", "status"
            ),
            states=State.choices,
            canonical_url=canonical_url,
            og_type="article",
            json_ld=jsonld.card(card, canonical_url=canonical_url),
            **kwargs,
        )


class CardVersionView(TemplateView):
    """One published version, as it was: a stable address to cite in a council paper."""

    template_name = "toolbox/card_version.html"

    def get_context_data(self, **kwargs):
        card = _card_or_404(self.request, kwargs["slug"])
        version = get_object_or_404(
            CardVersion.objects.filter(card=card), number=kwargs["number"]
        )
        snapshot = version.snapshot
        labels = dict(State.choices)
        for section in snapshot.get("sections", []):
            section["label"] = labels.get(section["state"], section["state"])
        return super().get_context_data(
            card=card,
            version=version,
            snapshot=snapshot,
            topic_label=dict(PlanningTopic.choices).get(snapshot.get("topic"), ""),
            status_label=dict(ArgumentCard.Status.choices).get(version.status, ""),
            is_current=version.number == card.version,
        )


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@require_GET
def card_pdf(request, slug):
    """The card on one A4 page, with the chosen state's basis and a QR code."""
    card = _card_or_404(request, slug)
    state = reader_state(request)
    data = pdf.card_pdf(card=card, state=state, request=request)
    suffix = f"-{state.lower()}" if state else ""
    return _pdf_response(data, f"argumentationshilfe-{card.slug}{suffix}.pdf")


@require_GET
def handout_pdf(request):
    """Several cards (?land=, ?thema=, ?stand=) with a table of contents."""
    cards = CardFilter(
        request.GET, queryset=ArgumentCard.objects.published().for_list()
    ).qs
    state = request.GET.get("land", "")
    state = state if state in State.values else None
    topic = request.GET.get("thema", "")
    topic = topic if topic in PlanningTopic.values else None
    data = pdf.handout_pdf(cards=cards, state=state, topic=topic, request=request)
    parts = ["werkzeugkasten", *(part for part in (state, topic) if part)]
    return _pdf_response(data, "-".join(parts).lower() + ".pdf")


@require_POST
def card_from_topic(request, pk):
    """A Fachforum's moderator turns a topic into a draft card."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("forums:space-list"))
    topic, _access = topic_or_404(request.user, pk)
    if not may_draft_from(request.user, topic):
        raise Http404
    card = services.card_from_topic(topic=topic, by=request.user)
    messages.success(
        request,
        _(
            "The draft card has been made from the topic. The editors complete and "
            "publish it; until then only you and they see it."
        ),
    )
    if request.user.has_perm("toolbox.change_argumentcard"):
        return redirect("admin:toolbox_argumentcard_change", card.pk)
    return redirect(card)
