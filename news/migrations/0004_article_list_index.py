"""Lists and feeds read published articles newest first, ties by id: one index."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("news", "0003_article_search")]

    operations = [
        migrations.RemoveIndex(
            model_name="article",
            name="news_articl_status_f1b279_idx",
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["status", "published_at", "id"], name="news_article_list_idx"
            ),
        ),
    ]
