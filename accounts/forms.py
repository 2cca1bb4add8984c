from allauth.account import forms as allauth_forms
from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.hashers import make_password
from django.utils.translation import gettext_lazy as _

from core.states import State

from .models import Affiliation, NotificationSettings, User


class ProfileForm(forms.ModelForm):
    """What a person tells about themselves; each detail has its own "show" switch."""

    class Meta:
        model = User
        fields = [
            "display_name",
            "function",
            "show_function",
            "organisation",
            "show_organisation",
            "state",
            "show_state",
            "bio",
            "show_bio",
            "language",
        ]
        widgets = {
            "display_name": forms.TextInput(attrs={"autocomplete": "nickname"}),
            "function": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "bio": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "function": _("For example: mayor, business development, volunteer."),
            "organisation": _("Municipality, district, company, association …"),
            "bio": _("Up to 1,000 characters of plain text."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("not specified")), *State.choices]
        for name in ["show_function", "show_organisation", "show_state", "show_bio"]:
            self.fields[name].label_suffix = ""
        # Left out of a form sent without it: the stored language stays.
        self.fields["language"].required = False

    def clean_language(self):
        return self.cleaned_data.get("language") or self.instance.language


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account will be deleted for good."),
        label_suffix="",
        error_messages={
            "required": _("Please confirm that you want to delete your account.")
        },
    )
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password


class _UniqueEmailMixin:
    """E-mail addresses are the login: stored in lower case, unique in any case."""

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        others = User.objects.filter(email__iexact=email)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                _("An account with this e-mail address already exists.")
            )
        return email


class AdminUserCreationForm(_UniqueEmailMixin, auth_forms.AdminUserCreationForm):
    """The admin's "add user" form for the e-mail login (Django's asks for a username)."""

    class Meta:
        model = User
        fields = ["email"]


class AdminUserChangeForm(_UniqueEmailMixin, auth_forms.UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class SignupForm(allauth_forms.SignupForm):
    def try_save(self, request):
        if self.account_already_exists:
            # The same work as for a new account (hashing the password is most of
            # it), so that the time of the answer does not tell whether an account
            # exists for the address (allauth sends that person a mail instead).
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)


class NotificationSettingsForm(forms.ModelForm):
    """Per kind of mail how it comes (or not), and the switch that pauses all."""

    class Meta:
        model = NotificationSettings
        fields = ["posts", "moderation", "moderator_tasks", "paused"]
        widgets = {
            "posts": forms.RadioSelect,
            "moderation": forms.RadioSelect,
            "moderator_tasks": forms.RadioSelect,
        }


class AffiliationClaimForm(forms.ModelForm):
    """Claim a function at an organisation; the service decides how it is verified."""

    class Meta:
        model = Affiliation
        fields = ["function", "organisation", "proposed_organisation", "work_email"]
        widgets = {
            "function": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "work_email": forms.EmailInput(attrs={"autocomplete": "work email"}),
        }
        labels = {"function": _("Your function")}
        help_texts = {
            "function": _("For example: Bürgermeisterin, Wirtschaftsförderer."),
            "organisation": _("The organisations of the contact directory."),
            "proposed_organisation": _(
                "Only if your organisation is not in the list: its full name. The "
                "editors add it to the directory before they confirm your claim."
            ),
            "work_email": _(
                "Optional. An address at your organisation’s e-mail domain confirms "
                "your function by itself once you follow the link we send to it; "
                "without one, the editors review your claim."
            ),
        }

    public = forms.BooleanField(
        label=_("Show it publicly next to my name once it is confirmed"),
        label_suffix="",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].required = False
        self.fields["organisation"].empty_label = _("(not in the list)")
        self.fields["organisation"].queryset = self.fields[
            "organisation"
        ].queryset.order_by("name")


class AffiliationSettingsForm(forms.Form):
    public = forms.BooleanField(
        label=_("Show publicly"), label_suffix="", required=False
    )
    primary = forms.BooleanField(
        label=_("Show it in bylines (primary affiliation)"),
        label_suffix="",
        required=False,
    )


class AffiliationDecisionForm(forms.Form):
    class Decision:
        APPROVE = "approve"
        DECLINE = "decline"
        REVOKE = "revoke"

    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose a decision.")},
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Needed to decline or revoke; the person receives it by e-mail."),
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = choices
