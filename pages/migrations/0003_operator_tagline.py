from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("pages", "0002_grant_editor_permissions")]

    operations = [
        migrations.AddField(
            model_name="operator",
            name="tagline",
            field=models.CharField(
                blank=True,
                help_text="One sentence under the project name on the home page.",
                max_length=300,
                verbose_name="tagline",
            ),
        ),
    ]
