"""One thematic vocabulary: a form field's shared theme is a treaties.ThematicArea, the same rows
meetings are tagged with; reporting has no theme model of its own."""

import datetime

import pytest
from django.apps import apps

from reporting import selectors, services
from reporting.models import FormField
from tests.factories.meetings import MeetingFactory
from treaties.models import ThematicArea


def test_a_form_fields_theme_is_a_thematic_area(obligations):
    assert FormField._meta.get_field("theme").related_model is ThematicArea
    with pytest.raises(LookupError):
        apps.get_model("reporting", "Theme")
    victim_assistance = ThematicArea.objects.get(code="victim-assistance")
    assert set(FormField.objects.filter(theme=victim_assistance).values_list(
        "form__obligation__code", "form__code", "key")) >= {
        ("ccm-art7-annual", "H", "victim_assistance"),
        ("apmbc-art7-annual", "J", "victim_assistance")}
    # The clearance narrative of every form carries the thematic area "land release" (the
    # meetings' vocabulary), not a second "clearance" theme.
    clearance = FormField.objects.filter(key="clearance", theme__isnull=False)
    assert clearance.exists()
    assert set(clearance.values_list("theme__code", flat=True)) == {"land-release"}
    assert not ThematicArea.objects.filter(code__in=["clearance", "cooperation", "stockpiles"])


def test_a_meeting_and_a_shared_answer_share_one_theme_row(bih_member, focal_a, obligations,
                                                            conventions):
    area = ThematicArea.objects.get(code="victim-assistance")
    meeting = MeetingFactory(conventions=[conventions["CCM"]], thematic_areas=[area])
    report = services.report_start(actor=focal_a, state=bih_member,
                                   obligation=obligations["ccm-art7-annual"], cycle_year=2025)
    entry = report.entries.get(form__code="H")
    services.section_save(actor=focal_a, entry=entry, expected_version=0,
                          answers={"victim_assistance": "National VA plan"})
    [shared] = selectors.shared_answers([bih_member.pk], 2025)
    assert shared.theme == area
    assert list(area.meetings.all()) == [meeting]


@pytest.mark.django_db(transaction=True)
def test_the_migration_maps_each_theme_to_the_thematic_area_of_its_code():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = [("reporting", "0007_report_language_from_settings")], \
        [("reporting", "0010_remove_theme")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    Theme, FormField = old.get_model("reporting", "Theme"), old.get_model("reporting", "FormField")
    Area = old.get_model("treaties", "ThematicArea")
    Area.objects.create(code="land-release", name="Land release")
    convention = old.get_model("treaties", "Convention").objects.create(
        code="XYZ", short_name="XYZ", name="Made-up convention",
        entry_into_force=datetime.date(2030, 1, 1), entry_into_force_rule="on_deposit")
    obligation = old.get_model("reporting", "Obligation").objects.create(
        code="xyz-annual", convention=convention, kind="annual", name="Annual report",
        due_rule="annual_fixed_date", due_month=4, due_day=30)
    form = old.get_model("reporting", "ReportForm").objects.create(
        obligation=obligation, code="A", name="Form A")
    themes = {code: Theme.objects.create(code=code, name=name, name_fr=f"{name} (fr)")
              for code, name in [("clearance", "Clearance"), ("new-theme", "A new theme")]}
    for code, theme in themes.items():
        FormField.objects.create(form=form, key=code.replace("-", "_"), name=code,
                                 field_type="long_text", theme=theme)
    FormField.objects.create(form=form, key="plain", name="plain", field_type="text")

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    fields = new.get_model("reporting", "FormField").objects.filter(form__code="A")
    assert {f.key: (f.theme.code if f.theme else None) for f in fields} == {
        "clearance": "land-release", "new_theme": "new-theme", "plain": None}
    created = new.get_model("treaties", "ThematicArea").objects.get(code="new-theme")
    assert (created.name, created.name_fr) == ("A new theme", "A new theme (fr)")
    assert new.get_model("treaties", "ThematicArea").objects.filter(
        code="land-release").count() == 1
