"""Detailed statistics of the search vectors, so that the planner knows a rare word
from a common one (see core/fulltext.py, STATISTICS_TARGET)."""

from django.db import migrations

from core import fulltext


class Migration(migrations.Migration):
    dependencies = [("news", "0006_english_title_and_teaser")]

    operations = [
        fulltext.on_postgresql(
            *fulltext.statistics(
                "news_article", ("search_vector", "title_vector", "phrase_vector")
            )
        ),
    ]
