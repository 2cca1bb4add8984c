import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import UpdateView

from .forms import DeleteAccountForm, ProfileForm
from .services import user_delete, user_export


class ProfileUpdateView(LoginRequiredMixin, SuccessMessageMixin, UpdateView):
    form_class = ProfileForm
    template_name = "accounts/user_form.html"
    success_url = reverse_lazy("accounts:profile")
    success_message = gettext_lazy("Your profile has been saved.")

    def get_object(self, queryset=None):
        return self.request.user


@login_required
@require_POST
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
def account_delete(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user_delete(user=request.user, request=request)
        messages.success(request, _("Your account has been deleted."))
        return redirect("home")
    return render(request, "accounts/account_delete.html", {"form": form})
