import json

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView, UpdateView

from .forms import DeleteAccountForm, ProfileForm
from .models import User
from .services import user_delete, user_export


@method_decorator(never_cache, name="dispatch")
class ProfileUpdateView(LoginRequiredMixin, SuccessMessageMixin, UpdateView):
    form_class = ProfileForm
    template_name = "accounts/user_form.html"
    success_url = reverse_lazy("accounts:profile")
    success_message = gettext_lazy("Your profile has been saved.")

    def get_object(self, queryset=None):
        return self.request.user

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        # A rejected form has already written its values into the object; the
        # preview shows what others see, so the saved state.
        context["saved"] = (
            User.objects.get(pk=self.object.pk) if form.is_bound else self.object
        )
        context["has_second_factor"] = is_mfa_enabled(self.request.user)
        return context


class DataView(LoginRequiredMixin, TemplateView):
    """What the portal keeps about a person, with the button that downloads it."""

    template_name = "accounts/user_data.html"


@login_required
@require_POST
@never_cache
def data_export(request):
    data = user_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="region-der-mitte-meine-daten-{stamp}.json"'
    )
    return response


@login_required
@never_cache
def account_delete(request):
    data = request.POST if request.method == "POST" else None
    form = DeleteAccountForm(data, user=request.user)
    if form.is_valid():
        user_delete(user=request.user)
        logout(request)
        messages.success(request, _("Your account has been deleted."))
        return redirect("home")
    return render(request, "accounts/account_delete.html", {"form": form})
