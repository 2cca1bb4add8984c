"""Detailed statistics of the search vectors, so that the planner knows a rare word
from a common one (see core/fulltext.py, STATISTICS_TARGET)."""

from django.db import migrations

from core import fulltext


class Migration(migrations.Migration):
    dependencies = [("documents", "0005_easy_language")]

    operations = [
        fulltext.on_postgresql(
            *fulltext.statistics(
                "documents_document", ("search_vector", "title_vector")
            )
        ),
        fulltext.on_postgresql(
            *fulltext.statistics(
                "documents_passage", ("search_vector", "phrase_vector")
            )
        ),
    ]
