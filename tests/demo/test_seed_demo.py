import io
import pkgutil

import pytest
from django.apps import apps
from django.core.management import call_command

import demo.loaders
from demo.management.commands.seed_demo import LOADERS_IN_ORDER

pytestmark = pytest.mark.django_db

# What a second run must leave as it is: every row of these, every column.
MODELS = [
    "accounts.User",
    "pages.Operator",
    "pages.Page",
    "pages.Goal",
    "news.Category",
    "news.Article",
    "documents.Document",
    "contacts.Organisation",
    "contacts.Person",
    "contacts.Topic",
    "forums.Topic",
    "forums.Post",
    "forums.Membership",
    "forums.Report",
    "forums.Forum",
]


def snapshot() -> dict:
    return {
        label: list(apps.get_model(label).objects.values().order_by("pk"))
        for label in MODELS
    }


def test_seed_demo_twice_changes_and_duplicates_nothing():
    output = io.StringIO()
    call_command("seed_demo", stdout=output)
    first = snapshot()
    assert all(first[label] for label in MODELS), "every model has demo rows"

    call_command("seed_demo", stdout=output)

    assert snapshot() == first
    assert output.getvalue().count("Demo content is ready.") == 2


def test_every_loader_runs_in_seed_demo():
    modules = {info.name for info in pkgutil.iter_modules(demo.loaders.__path__)}
    assert modules == set(LOADERS_IN_ORDER)
