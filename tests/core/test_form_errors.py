"""The summary above a form's errors asks to correct "the marked fields" only when a
field is marked; an error of the whole form is shown on its own."""

from django import forms
from django.template.loader import render_to_string

MARKED = "Bitte korrigieren Sie die markierten Felder."


class ReplyForm(forms.Form):
    body = forms.CharField()
    token = forms.CharField(widget=forms.HiddenInput)


def bound(**errors) -> ReplyForm:
    form = ReplyForm({"body": "Ein Text.", "token": "abc"})
    for field, message in errors.items():
        form.add_error(None if field == "form" else field, message)
    return form


def test_an_error_of_the_whole_form_marks_no_field():
    html = str(bound(form="Sie schreiben zu schnell."))
    assert "Sie schreiben zu schnell." in html
    assert MARKED not in html
    assert "field--error" not in html


def test_a_field_error_asks_to_correct_the_marked_fields():
    html = str(bound(body="Bitte schreiben Sie einen Text."))
    assert MARKED in html
    assert "field--error" in html


def test_both_kinds_of_error_show_the_summary_once_with_the_form_error():
    html = str(bound(form="Sie schreiben zu schnell.", body="Zu kurz."))
    assert html.count(MARKED) == 1
    assert html.count('class="form-errors"') == 1
    assert "Sie schreiben zu schnell." in html


def test_a_hidden_fields_error_is_shown_in_the_summary_without_the_request():
    html = str(bound(token="Das Formular ist abgelaufen."))
    assert "Das Formular ist abgelaufen." in html
    assert MARKED not in html


def test_a_valid_form_shows_no_summary():
    form = bound()
    assert form.is_valid()
    assert 'class="form-errors"' not in str(form)


def test_the_accounts_summary_follows_the_same_rule():
    def summary(form) -> str:
        return render_to_string("accounts/_form_errors.html", {"form": form})

    only_form = summary(bound(form="Das Passwort ist nicht korrekt."))
    assert "Das Passwort ist nicht korrekt." in only_form
    assert MARKED not in only_form
    assert MARKED in summary(bound(body="Bitte schreiben Sie einen Text."))
    assert summary(bound()).strip() == ""
