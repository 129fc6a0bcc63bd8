"""Report answers are typed by their field's definition, which is data (issue 9.12): whole
numbers, decimals with their places, dates, choices, yes/no, and ranges (min 0 for areas and
counts). One check in the service, so the page and the API refuse alike, field by field, and
nothing is half saved; accepted values round-trip exactly (a decimal's digits, an ISO date)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from reporting import services
from reporting.enums import FieldType
from reporting.models import FormField, SectionEntry


def start(user, state, obligation, year=2025):
    return services.report_start(actor=user, state=state, obligation=obligation,
                                 cycle_year=year)


@pytest.fixture
def report(bih_member, focal_a, obligations):
    return start(focal_a, bih_member, obligations["ccm-art7-annual"])


def entry(report, code):
    return report.entries.select_related("form", "report").get(form__code=code)


def refused(actor, section, answers):
    with pytest.raises(ValidationError) as error:
        services.section_save(actor=actor, entry=section, expected_version=section.version,
                              answers=answers)
    return error.value.message_dict


def test_the_forms_data_carries_the_ranges(obligations):
    area = FormField.objects.get(form__obligation__code="ccm-art7-annual", form__code="F",
                                 key="area_cleared_m2")
    money = FormField.objects.get(form__obligation__code="ccm-art7-annual", form__code="I",
                                  key="national_resources")
    assert (area.field_type, area.min_value, area.max_value) == (FieldType.INTEGER, 0, None)
    assert (money.field_type, money.min_value, money.decimal_places) == (
        FieldType.DECIMAL, 0, 2)
    assert not FormField.objects.filter(field_type=FieldType.INTEGER,
                                        min_value__isnull=True).exists()


@pytest.mark.parametrize(("code", "answers", "errors"), [
    ("F", {"area_cleared_m2": -5}, {"area_cleared_m2": ["Enter a number of 0 or more."]}),
    ("F", {"area_cleared_m2": "-5"}, {"area_cleared_m2": ["Enter a number of 0 or more."]}),
    ("F", {"area_contaminated_m2": "abc", "area_cleared_m2": "12.5",
           "submunitions_destroyed": True},
     {"area_contaminated_m2": ["Enter a whole number."],
      "area_cleared_m2": ["Enter a whole number."],
      "submunitions_destroyed": ["Enter a whole number."]}),
    ("F", {"area_cleared_m2": "1" * 16}, {"area_cleared_m2": ["Enter at most 15 digits."]}),
    ("I", {"national_resources": "abc"}, {"national_resources": ["Enter a number."]}),
    ("I", {"national_resources": "NaN"}, {"national_resources": ["Enter a number."]}),
    ("I", {"national_resources": "-Infinity"}, {"national_resources": ["Enter a number."]}),
    ("I", {"national_resources": "-0.01"}, {"national_resources": [
        "Enter a number of 0 or more."]}),
    ("I", {"national_resources": "10.005"}, {"national_resources": [
        "Enter at most 2 digits after the decimal point."]}),
    ("B", {"destruction_completed_on": "2024-02-30"}, {"destruction_completed_on": [
        "Enter a date as YYYY-MM-DD."]}),
    ("B", {"destruction_completed_on": "20240229"}, {"destruction_completed_on": [
        "Enter a date as YYYY-MM-DD."]}),
    ("B", {"destruction_completed_on": "0001-01-01"}, {"destruction_completed_on": [
        "Enter a date between 1900-01-01 and 2200-12-31."]}),
    ("E", {"status": "maybe"}, {"status": ["Choose one of: none, in_progress, completed."]}),
    ("E", {"status": ["none"]}, {"status": ["Choose one of: none, in_progress, completed."]}),
    ("E", {"details": {"a": 1}}, {"details": ["Enter text."]}),
    ("A", {"legislation_adopted": "perhaps"}, {"legislation_adopted": ["Answer yes or no."]}),
])
def test_bad_answers_are_refused_by_field_and_nothing_is_saved(report, focal_a, code, answers,
                                                              errors):
    section = entry(report, code)
    assert refused(focal_a, section, answers) == errors
    section.refresh_from_db()
    assert (section.version, section.data) == (0, {})


def test_accepted_answers_are_typed_and_exact(report, focal_a):
    i = services.section_save(actor=focal_a, entry=entry(report, "I"), expected_version=0,
                              answers={"national_resources": "1234567890123.50"})
    assert i.data == {"national_resources": "1234567890123.50"}  # the digits, as typed
    i = services.section_save(actor=focal_a, entry=i, expected_version=1,
                              answers={"national_resources": 0.1})  # a JSON number
    assert i.data == {"national_resources": "0.1"}
    i = services.section_save(actor=focal_a, entry=i, expected_version=2,
                              answers={"national_resources": "1E+3"})
    assert Decimal(i.data["national_resources"]) == 1000
    assert i.data == {"national_resources": "1000"}
    b = services.section_save(actor=focal_a, entry=entry(report, "B"), expected_version=0,
                              answers={"cluster_munitions": "0", "submunitions": 2_500_000,
                                       "destruction_completed_on": datetime.date(2024, 2, 29)})
    assert b.data == {"cluster_munitions": 0, "submunitions": 2_500_000,
                      "destruction_completed_on": "2024-02-29"}


def test_a_range_is_data_on_the_field(report, focal_a):
    area = FormField.objects.get(form=entry(report, "F").form, key="area_cleared_m2")
    area.max_value = Decimal(1000)
    area.save()
    section = entry(report, "F")
    assert refused(focal_a, section, {"area_cleared_m2": 1500}) == {
        "area_cleared_m2": ["Enter a number of 1000 or less."]}
    assert services.section_save(actor=focal_a, entry=section, expected_version=0,
                                 answers={"area_cleared_m2": 1000}).data == {
        "area_cleared_m2": 1000}


def test_a_field_definition_keeps_its_range_in_order(report):
    area = FormField.objects.get(form=entry(report, "F").form, key="area_cleared_m2")
    area.min_value, area.max_value = Decimal(5), Decimal(1)
    with pytest.raises(ValidationError) as error:
        area.full_clean()
    assert error.value.messages == ["The smallest value cannot exceed the largest."]
    text = FormField.objects.get(form=entry(report, "F").form, key="clearance")
    text.decimal_places = 2
    with pytest.raises(ValidationError):
        text.full_clean()
    with transaction.atomic(), pytest.raises(IntegrityError):
        FormField.objects.filter(pk=area.pk).update(min_value=5, max_value=1)
    assert FormField.objects.get(pk=area.pk).min_value == 0


def test_api_refuses_with_field_errors_and_round_trips_typed_values(api_as, report, focal_a):
    url = f"/api/v1/reporting/reports/{report.pk}/sections/"
    client = api_as(focal_a)
    bad = client.post(url, {"form": "F", "version": 0, "data": {
        "area_cleared_m2": -20, "area_contaminated_m2": "abc", "clearance": "BHMAC"}},
        format="json")
    assert bad.status_code == 400
    assert bad.json()["fields"] == {"area_cleared_m2": ["Enter a number of 0 or more."],
                                    "area_contaminated_m2": ["Enter a whole number."]}
    assert SectionEntry.objects.get(report=report, form__code="F").data == {}
    good = client.post(url, {"form": "I", "version": 0, "data": {
        "national_resources": "25000.10"}}, format="json")
    assert good.status_code == 200, good.json()
    detail = client.get(f"/api/v1/reporting/reports/{report.pk}/").json()
    section = next(s for s in detail["sections"] if s["form"] == "I")
    assert section["data"] == {"national_resources": "25000.10"}
    fields = client.get("/api/v1/reporting/obligations/ccm-art7-annual/").json()["forms"]
    money = next(f for form in fields for f in form["fields"] if f["key"] ==
                 "national_resources")
    assert (money["field_type"], money["min_value"], money["max_value"],
            money["decimal_places"]) == ("decimal", "0", None, 2)


def test_page_shows_the_errors_and_keeps_the_other_typed_values(client, report, focal_a):
    client.force_login(focal_a)
    url = f"/reporting/reports/{report.pk}/forms/F/"
    form = {"version": 0, "tick": "changed", "disclosure": "public",
            "answer_area_contaminated_m2": "abc", "answer_area_cleared_m2": "-20",
            "answer_submunitions_destroyed": "14", "answer_clearance": "BHMAC surveyed"}
    response = client.post(url, form)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Enter a whole number." in body and "Enter a number of 0 or more." in body
    assert 'value="14"' in body and "BHMAC surveyed" in body and 'value="abc"' in body
    section = SectionEntry.objects.get(report=report, form__code="F")
    assert (section.version, section.data) == (0, {})
    status = client.post(url, form, HTTP_HX_REQUEST="true").content.decode()
    assert "Not saved:" in status and "Enter a number of 0 or more." in status
    assert 'min="0"' in client.get(url).content.decode()  # the browser's hint, from the data
