from django.views.generic import DetailView, ListView

from .models import Page, SignLanguageVideo


class PageDetailView(DetailView):
    """An editor-kept page such as /impressum/; unknown addresses are the German 404."""

    model = Page

    def get_context_data(self, **kwargs):
        return super().get_context_data(shown=self.object.shown, **kwargs)


class SignLanguageView(ListView):
    """/gebaerdensprache/: the explanations in Deutsche Gebärdensprache as videos.

    Until editors upload videos, the page says so and leads to Leichte Sprache.
    """

    model = SignLanguageVideo
    context_object_name = "videos"
    template_name = "pages/sign_language.html"
