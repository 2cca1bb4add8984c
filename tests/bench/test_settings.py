"""The benchmark is installed and routed by settings/bench.py only: /bench/ok/ is a 404
under the production, development and test settings."""

import importlib

import pytest
from django.urls import Resolver404, resolve, reverse

from bench.views import baseline


def _settings(module: str, monkeypatch):
    # prod.py refuses to load without a secret; bench.py would set one of its own.
    monkeypatch.setenv("DJANGO_SECRET_KEY", "a-secret-for-reading-settings-" * 2)
    monkeypatch.setenv("DJANGO_SITE_URL", "https://www.regiondermitte.de")
    return importlib.import_module(f"regiondermitte.settings.{module}")


@pytest.mark.parametrize("module", ["prod", "dev", "test"])
def test_the_baseline_is_not_routed_outside_the_benchmark(module, monkeypatch):
    values = _settings(module, monkeypatch)
    assert "bench" not in values.INSTALLED_APPS
    with pytest.raises(Resolver404):
        resolve("/bench/ok/", urlconf=values.ROOT_URLCONF)


def test_the_baseline_answers_404_to_a_request(client, db):
    assert client.get("/bench/ok/").status_code == 404


def test_the_benchmark_settings_route_the_baseline_and_every_page(monkeypatch):
    values = _settings("bench", monkeypatch)
    assert "bench" in values.INSTALLED_APPS
    assert resolve("/bench/ok/", urlconf=values.ROOT_URLCONF).func is baseline
    # The project's URLs as they are, and production's hardening.
    assert resolve(reverse("forums:space-list"), urlconf=values.ROOT_URLCONF)
    assert values.DEBUG is False
    assert values.SESSION_COOKIE_SECURE is True
