"""A session is read with its user in one query (accounts/sessions.py); who a request's
user is, and whether that account may still be signed in, is decided as Django
decides it."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from accounts.models import Session
from tests import factories

pytestmark = pytest.mark.django_db

PROFILE = reverse("accounts:profile")


def signed_in_through_the_form(user) -> Client:
    cache.clear()  # the sign-in rate limit
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    return client


def user_of(client: Client):
    return client.get(PROFILE).wsgi_request.user


def test_each_session_is_read_with_its_own_user(django_assert_num_queries):
    first, second = factories.user(), factories.user()
    forced = Client()
    forced.force_login(first)
    through_form = signed_in_through_the_form(second)
    for client, user in ((forced, first), (through_form, second)):
        session = Session.objects.get(session_key=client.session.session_key)
        assert session.user_id == user.pk
        assert session.get_decoded()[SESSION_KEY] == str(user.pk)
        client.get(reverse("search:results"))  # the page cache's schedule
        with django_assert_num_queries(1):  # the session with its user, nothing else
            assert client.get(reverse("search:results")).wsgi_request.user == user


def test_a_deactivated_account_is_signed_out_at_its_next_request():
    user = factories.user()
    client = signed_in_through_the_form(user)
    assert user_of(client) == user
    user.is_active = False
    user.save()
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response.wsgi_request.user.is_anonymous


def test_a_password_changed_elsewhere_ends_the_other_sessions():
    user = factories.user()
    client = signed_in_through_the_form(user)
    assert user_of(client) == user
    user.set_password("Ein-ganz-neues-Passwort-2026")
    user.save()
    assert user_of(client).is_anonymous
    assert not Session.objects.filter(user=user).exists()


def test_signing_out_and_deleting_the_account_end_its_sessions():
    user = factories.user()
    leaving = signed_in_through_the_form(user)
    other_device = signed_in_through_the_form(user)
    assert Session.objects.filter(user=user).count() == 2
    leaving.post(reverse("account_logout"))
    assert Session.objects.filter(user=user).count() == 1
    assert user_of(leaving).is_anonymous
    user.delete()
    assert not Session.objects.filter(user_id=user.pk).exists()
    assert user_of(other_device).is_anonymous
