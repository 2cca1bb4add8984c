from io import StringIO

import pytest

from accounts.models import User
from demo.loaders import accounts as demo

pytestmark = pytest.mark.django_db


def test_demo_accounts_can_sign_in_with_their_roles_and_are_printed(client):
    output = StringIO()
    demo.load(stdout=output)

    editor = User.objects.get(email="redaktion@demo.regiondermitte.de")
    moderator = User.objects.get(email="moderation@demo.regiondermitte.de")
    admin = User.objects.get(email="admin@demo.regiondermitte.de")
    assert editor.is_staff and editor.has_perm("news.add_article")
    assert moderator.has_perm("forums.view_report")
    assert not moderator.is_staff
    assert admin.is_superuser
    assert editor.emailaddress_set.get().verified
    assert editor.show_organisation and editor.organisation == "Region Kassel-Land e.V."
    printed = output.getvalue()
    assert "Demo-Region-2026" in printed
    assert client.login(email=editor.email, password="Demo-Region-2026")
    for user in (admin, editor, moderator):
        assert f"{user.display_name}: {user.email}" in printed


def test_a_second_run_keeps_what_people_changed():
    demo.load(stdout=StringIO())
    editor = User.objects.get(email="redaktion@demo.regiondermitte.de")
    editor.display_name = "Geändert"
    editor.set_password("ein-anderes-Passwort-2026")
    editor.save()
    users = list(User.objects.values().order_by("pk"))

    demo.load(stdout=StringIO())

    assert list(User.objects.values().order_by("pk")) == users
    assert User.objects.get(pk=editor.pk).display_name == "Geändert"
