"""Whether a participant of a hybrid event comes on site or takes part online.

Existing rows stay blank: at a hybrid event that counts as on site, so the seats
they hold stay theirs and they stay on the sign-in sheet.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_registration_language"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="attendance",
            field=models.CharField(
                blank=True,
                choices=[("vor-ort", "On site"), ("online", "Online")],
                max_length=10,
                verbose_name="attendance",
            ),
        ),
    ]
