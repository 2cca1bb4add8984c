from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from .forms import AdminUserChangeForm, AdminUserCreationForm
from .models import User


class EmailAddressInline(admin.TabularInline):
    """allauth's record of the addresses: an address must be verified to sign in."""

    model = EmailAddress
    extra = 0
    fields = ["email", "verified", "primary"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = AdminUserChangeForm
    add_form = AdminUserCreationForm
    ordering = ["email"]
    list_display = [
        "email",
        "display_name",
        "state",
        "is_staff",
        "has_second_factor",
        "is_active",
    ]
    list_filter = ["is_staff", "is_superuser", "is_active", "state", "groups"]
    search_fields = ["email", "display_name", "organisation"]
    inlines = [EmailAddressInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Profile"),
            {
                "fields": [
                    "display_name",
                    "function",
                    "organisation",
                    "state",
                    "bio",
                    "show_function",
                    "show_organisation",
                    "show_state",
                    "show_bio",
                ]
            },
        ),
        (
            _("Permissions"),
            {
                "fields": [
                    "is_active",
                    "is_staff",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                ]
            },
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "usable_password", "password1", "password2"],
            },
        )
    ]
    readonly_fields = ["last_login", "date_joined"]

    def get_queryset(self, request):
        totp = Authenticator.objects.filter(
            user=OuterRef("pk"), type=Authenticator.Type.TOTP
        )
        return super().get_queryset(request).annotate(has_totp=Exists(totp))

    @admin.display(boolean=True, description=_("two-factor"), ordering="has_totp")
    def has_second_factor(self, obj):
        return obj.has_totp

    def get_inlines(self, request, obj):
        # The addresses are added once the account exists.
        return self.inlines if obj else []
