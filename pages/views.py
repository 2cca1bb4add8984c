from django.views.generic import DetailView

from .models import Page


class PageDetailView(DetailView):
    """An editor-kept page such as /impressum/; unknown addresses are the German 404."""

    model = Page
