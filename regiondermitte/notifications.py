"""`/konto/benachrichtigungen/`: everything the reader follows, each with "nicht mehr
folgen", and how each kind of mail comes. Here, above the apps, because it shows the
forums' rows next to the account's settings (Datenschutz, section 7, points here)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from accounts.forms import NotificationSettingsForm
from accounts.models import NotificationSettings
from accounts.services import notification_settings_save
from forums.models import ForumSubscription, TopicSubscription
from newsletter.models import Subscriber
from newsletter.tokens import token


class NotificationSettingsView(LoginRequiredMixin, FormView):
    form_class = NotificationSettingsForm
    template_name = "accounts/notification_settings.html"
    success_url = reverse_lazy("notification-settings")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = NotificationSettings.objects.for_user(self.request.user)
        return kwargs

    def form_valid(self, form):
        notification_settings_save(user=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("Your notification settings have been saved."))
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        user = self.request.user
        subscriber = Subscriber.objects.filter(email__iexact=user.email).first()
        return super().get_context_data(
            newsletter=subscriber,
            newsletter_unsubscribe=token(subscriber, "unsubscribe")
            if subscriber
            else None,
            topics=list(
                TopicSubscription.objects.filter(user=user)
                .select_related("topic__forum")
                .order_by("-created_at")
            ),
            forums=list(
                ForumSubscription.objects.filter(user=user)
                .select_related("forum")
                .order_by("forum__name")
            ),
            **kwargs,
        )
