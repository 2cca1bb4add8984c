from django import forms
from django.conf import settings
from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from core.states import State

from .models import MARKDOWN_HELP, Forum, validate_post_body


def _body_help() -> str:
    return _("%(markdown)s At most %(limit)s characters.") % {
        "markdown": MARKDOWN_HELP,
        "limit": number_format(settings.FORUM_POST_MAX_LENGTH, force_grouping=True),
    }


body_help = lazy(_body_help, str)


class BodyField(forms.CharField):
    """The text of a post. No maxlength attribute: a browser would cut pasted text
    silently, while the server says how long it may be and keeps every character."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Your text"))
        kwargs.setdefault("help_text", body_help())
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 10}))
        kwargs.setdefault("error_messages", {"required": _("Please write a text.")})
        super().__init__(validators=[validate_post_body], **kwargs)


class ReasonField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 1000)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        kwargs.setdefault("error_messages", {"required": _("Please give a reason.")})
        super().__init__(**kwargs)


class PostForm(forms.Form):
    body = BodyField()


class TopicForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("A short, clear title helps others find your topic."),
        error_messages={"required": _("Please enter a title.")},
    )
    body = BodyField()
    states = forms.MultipleChoiceField(
        label=_("Concerns the states"),
        choices=State.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick all that apply; all three means cross-state."),
    )


class PostEditForm(forms.Form):
    title = forms.CharField(
        label=_("Title of the topic"),
        max_length=200,
        error_messages={"required": _("Please enter a title.")},
    )
    body = BodyField()
    reason = ReasonField(
        label=_("Reason for the change"),
        help_text=_("You are changing someone else's post; the author will be told."),
    )

    def __init__(self, *args, with_title: bool, with_reason: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_title:
            del self.fields["title"]
        if not with_reason:
            del self.fields["reason"]


class ReportForm(forms.Form):
    reason = ReasonField(
        label=_("What is wrong with this post?"),
        help_text=_(
            "Only the moderators of this forum read this. The author does not learn "
            "who reported the post."
        ),
        error_messages={
            "required": _("Please tell the moderators what is wrong with this post.")
        },
    )


class MembershipRequestForm(forms.Form):
    reason = ReasonField(
        label=_("Why would you like to join?"),
        help_text=_(
            "A sentence or two for the moderators, e.g. your organisation and role."
        ),
        error_messages={
            "required": _("Please tell the moderators briefly why you want to join.")
        },
    )


class MembershipDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    note = ReasonField(label=_("Message to the applicant (optional)"), required=False)


class ModerationReasonForm(forms.Form):
    reason = ReasonField(
        label=_("Reason"),
        help_text=_("The author gets an e-mail with this reason."),
    )


class TopicModerationForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose an action.")},
    )
    target_forum = forms.ModelChoiceField(
        label=_("Move to forum"),
        queryset=Forum.objects.none(),
        required=False,
        help_text=_("Only for “Move”."),
    )
    reason = ReasonField(
        label=_("Reason"),
        help_text=_("The author gets an e-mail with this reason."),
    )

    def __init__(self, *args, topic, forums, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [
            ("unpin", _("Unpin")) if topic.is_pinned else ("pin", _("Pin to the top")),
            ("unlock", _("Unlock (allow replies)"))
            if topic.is_locked
            else ("lock", _("Lock (no more replies)")),
            ("unhide", _("Show again"))
            if topic.is_hidden
            else ("hide", _("Hide from readers")),
            ("move", _("Move to another forum")),
        ]
        self.fields["target_forum"].queryset = forums.exclude(pk=topic.forum_id)

    def clean(self):
        data = super().clean()
        if data.get("action") == "move" and not data.get("target_forum"):
            self.add_error(
                "target_forum", _("Please choose the forum to move the topic to.")
            )
        return data


class ReportResolveForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
