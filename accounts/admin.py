from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .forms import AdminUserChangeForm, AdminUserCreationForm
from .models import Affiliation, AffiliationLogEntry, User


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


class AffiliationLogInline(admin.TabularInline):
    model = AffiliationLogEntry
    extra = 0
    can_delete = False
    fields = ["created_at", "action", "actor", "reason"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Affiliation)
class AffiliationAdmin(admin.ModelAdmin):
    """The record of affiliations. Decisions are taken on the review page, which
    logs and mails them; here staff correct the organisation of a proposed one."""

    list_display = ["function", "organisation_name", "user", "status", "public"]
    list_filter = ["status", "public", "organisation__state"]
    search_fields = [
        "function",
        "organisation__name",
        "proposed_organisation",
        "user__email",
        "user__display_name",
    ]
    list_select_related = ["organisation", "user"]
    autocomplete_fields = ["organisation"]
    fields = [
        "user",
        "function",
        "organisation",
        "proposed_organisation",
        "work_email",
        "public",
        "primary",
        "status",
        "verified_by_email",
        "decided_by",
        "decided_at",
        "reason",
        "review_link",
    ]
    readonly_fields = [
        "user",
        "work_email",
        "public",
        "primary",
        "status",
        "verified_by_email",
        "decided_by",
        "decided_at",
        "reason",
        "review_link",
    ]
    inlines = [AffiliationLogInline]
    # For staff who may not open accounts (the editors who review affiliations): who
    # it is, without a link to a page that refuses them.
    _UNLINKED = {"user": "account", "decided_by": "decider"}

    def has_add_permission(self, request):
        return False

    def _unlinked(self, request, names):
        if request.user.has_perm("accounts.view_user"):
            return names
        return [self._UNLINKED.get(name, name) for name in names]

    def get_fields(self, request, obj=None):
        return self._unlinked(request, super().get_fields(request, obj))

    def get_readonly_fields(self, request, obj=None):
        return self._unlinked(request, super().get_readonly_fields(request, obj))

    @admin.display(description=Affiliation._meta.get_field("user").verbose_name)
    def account(self, affiliation):
        return str(affiliation.user)

    @admin.display(description=Affiliation._meta.get_field("decided_by").verbose_name)
    def decider(self, affiliation):
        return str(affiliation.decided_by or "–")

    @admin.display(description=_("organisation"))
    def organisation_name(self, affiliation):
        return affiliation.organisation_name

    @admin.display(description=_("decision"))
    def review_link(self, affiliation):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("accounts:affiliation-review", kwargs={"pk": affiliation.pk}),
            _("Approve, decline or revoke (logged and mailed)"),
        )
