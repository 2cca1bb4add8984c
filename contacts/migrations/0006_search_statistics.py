"""Detailed statistics of the search vectors, so that the planner knows a rare word
from a common one (see core/fulltext.py, STATISTICS_TARGET)."""

from django.db import migrations

from core import fulltext


class Migration(migrations.Migration):
    dependencies = [("contacts", "0005_grant_editor_municipality_permissions")]

    operations = [
        fulltext.on_postgresql(
            *fulltext.statistics(
                "contacts_person", ("search_vector", "title_vector", "phrase_vector")
            )
        ),
    ]
