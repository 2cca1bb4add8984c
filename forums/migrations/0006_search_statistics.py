"""Detailed statistics of the search vectors, so that the planner knows a rare word
from a common one (see core/fulltext.py, STATISTICS_TARGET)."""

from django.db import migrations

from core import fulltext


class Migration(migrations.Migration):
    dependencies = [("forums", "0005_post_quotes")]

    operations = [
        fulltext.on_postgresql(
            *fulltext.statistics(
                "forums_post", ("search_vector", "title_vector", "phrase_vector")
            )
        ),
    ]
