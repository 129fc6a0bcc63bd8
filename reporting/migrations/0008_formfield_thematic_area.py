"""One thematic vocabulary, step 1: a form field gets a treaties.ThematicArea beside its theme
(filled by 0009; a migration of its own, so that PostgreSQL never alters the table in the
transaction that updated its rows, either way)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("reporting", "0007_report_language_from_settings"),
        ("treaties", "0003_bound_free_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="formfield",
            name="thematic_area",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                related_name="form_fields", to="treaties.thematicarea",
                verbose_name="shared theme"),
        ),
    ]
