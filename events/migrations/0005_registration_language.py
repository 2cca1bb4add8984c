"""The language a registration was made in, so a guest's mails are written in it.

Existing rows get the portal's language, in which their guests were written to so far.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_event_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="language",
            field=models.CharField(
                choices=[("de", "Deutsch"), ("en", "English")],
                default="de",
                max_length=8,
                verbose_name="language of e-mails",
            ),
        ),
    ]
