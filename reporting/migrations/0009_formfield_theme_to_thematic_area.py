"""One thematic vocabulary: a form field's shared theme becomes a treaties.ThematicArea.

Each reporting theme is mapped to the thematic area of the same code (three synonyms to the
existing area of another code, as reporting.forms_data.SHARED_FIELD_THEME says); an area that
does not exist yet is created with the theme's translated names."""

from django.db import migrations

# reporting theme code -> thematic area code, where they differ
SYNONYMS = {
    "clearance": "land-release",
    "cooperation": "cooperation-assistance",
    "stockpiles": "stockpile-destruction",
}
NAME_FIELDS = ["name", "name_fr", "name_es", "name_ar"]


def themes_to_areas(apps, schema_editor):
    Theme = apps.get_model("reporting", "Theme")
    FormField = apps.get_model("reporting", "FormField")
    ThematicArea = apps.get_model("treaties", "ThematicArea")
    for theme in Theme.objects.all():
        code = SYNONYMS.get(theme.code, theme.code)
        area = ThematicArea.objects.filter(code=code).first()
        if area is None:
            area = ThematicArea.objects.create(
                code=code, **{f: getattr(theme, f) for f in NAME_FIELDS})
        FormField.objects.filter(theme_id=theme.pk).update(thematic_area=area)


def areas_to_themes(apps, schema_editor):
    Theme = apps.get_model("reporting", "Theme")
    FormField = apps.get_model("reporting", "FormField")
    back = {v: k for k, v in SYNONYMS.items()}
    for field_ in FormField.objects.filter(thematic_area__isnull=False).select_related(
            "thematic_area"):
        area = field_.thematic_area
        theme, _ = Theme.objects.get_or_create(
            code=back.get(area.code, area.code),
            defaults={f: getattr(area, f) for f in NAME_FIELDS})
        FormField.objects.filter(pk=field_.pk).update(theme=theme)


class Migration(migrations.Migration):

    dependencies = [
        ("reporting", "0008_formfield_thematic_area"),
        ("treaties", "0003_bound_free_text"),
    ]

    operations = [
        migrations.RunPython(themes_to_areas, areas_to_themes),
    ]
