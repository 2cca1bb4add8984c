"""The SQL functions that every table's search trigger shares (see core/fulltext.py).

Databases made before this migration keep per-app copies of the same functions until
search/migrations/0001 moves their triggers onto these.
"""

from django.db import migrations

from core import fulltext


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        fulltext.on_postgresql(fulltext.FUNCTIONS, fulltext.FUNCTIONS_BACKWARD),
    ]
