"""One thematic vocabulary: a form field's shared theme is a treaties.ThematicArea, the same rows
meetings are tagged with; reporting has no theme model of its own."""

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
