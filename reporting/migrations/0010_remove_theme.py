"""One thematic vocabulary: reporting.Theme is gone; FormField.theme is a ThematicArea."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("reporting", "0009_formfield_theme_to_thematic_area"),
    ]

    operations = [
        migrations.RemoveField(model_name="formfield", name="theme"),
        migrations.RenameField(model_name="formfield", old_name="thematic_area", new_name="theme"),
        migrations.DeleteModel(name="Theme"),
    ]
