import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import AuditEntry, GeneratedFile
from reporting import selectors, services
from reporting.enums import ChangeTick, ReportStatus
from reporting.models import FormField, Obligation, Report, ReportForm, ReportVersion
from tests.factories import StateFactory
from tests.factories.reporting import join, load_real_obligations

D = datetime.date


def entry(report, code):
    return report.entries.select_related("form", "report").get(form__code=code)


def test_seed_holds_the_real_forms_and_is_idempotent(obligations):
    load_real_obligations()
    counts = {o.code: o.forms.count() for o in Obligation.objects.all()}
    assert counts["ccm-art7-annual"] == 10  # forms A–J
    assert counts["apmbc-art7-annual"] == 10  # A–I plus voluntary J
    assert counts["ccw-apii-art13"] == 7  # A–G
    assert ReportForm.objects.get(obligation__code="apmbc-art7-annual", code="J").voluntary
    annual = Obligation.objects.get(code="ccm-art7-annual")
    assert (annual.due_month, annual.due_day) == (4, 30)
    assert Obligation.objects.get(code="ccw-p5-art10").due_month == 3
    assert Obligation.objects.get(code="ccm-art7-initial").due_days == 180
    # Victim assistance is one theme across CCM H, APMBC J, APII G, Protocol V F.
    va = FormField.objects.filter(theme__code="victim-assistance")
    assert sorted((f.form.obligation.code, f.form.code) for f in va if "initial" not in
                  f.form.obligation.code) == [
        ("apmbc-art7-annual", "J"), ("ccm-art7-annual", "H"), ("ccw-apii-art13", "G"),
        ("ccw-p5-art10", "F")]


def test_start_only_what_the_state_owes(bih_member, focal_a, obligations):
    report = services.report_start(actor=focal_a, state=bih_member,
                                   obligation=obligations["ccm-art7-annual"], cycle_year=2025)
    assert (report.due_on, report.period_start, report.period_end) == (
        D(2025, 4, 30), D(2024, 1, 1), D(2024, 12, 31))
    assert report.entries.count() == 10
    assert AuditEntry.objects.filter(action="report.started", object_id=str(report.pk)).exists()
    with pytest.raises(ValidationError):  # initial report was due in 2011
        services.report_start(actor=focal_a, state=bih_member,
                              obligation=obligations["ccm-art7-initial"], cycle_year=2025)
    with pytest.raises(ValidationError):  # one report per cycle
        services.report_start(actor=focal_a, state=bih_member,
                              obligation=obligations["ccm-art7-annual"], cycle_year=2025)
    assert Report.objects.count() == 1


def test_mid_year_joiner_starts_an_initial_report_not_an_annual_one(conventions, obligations):
    state = StateFactory(iso3="TUV")
    join(state, conventions["CCM"], D(2025, 7, 1))
    from tests.factories import make_user
    focal = make_user("focal_point", state=state)
    with pytest.raises(ValidationError):
        services.report_start(actor=focal, state=state,
                              obligation=obligations["ccm-art7-annual"], cycle_year=2025)
    report = services.report_start(actor=focal, state=state,
                                   obligation=obligations["ccm-art7-initial"], cycle_year=2025)
    assert report.due_on == D(2025, 12, 28)


def test_typed_answers_are_checked_and_nothing_is_half_saved(bih_member, delegate_a,
                                                              obligations):
    report = services.report_start(actor=delegate_a, state=bih_member,
                                   obligation=obligations["ccm-art7-annual"], cycle_year=2025)
    b = entry(report, "B")
    with pytest.raises(ValidationError) as error:
        services.section_save(actor=delegate_a, entry=b, expected_version=0, answers={
            "cluster_munitions": "many", "destruction_completed_on": "2024-13-01",
            "unknown": "x"})
    assert set(error.value.message_dict) == {"cluster_munitions", "destruction_completed_on",
                                             "unknown"}
    b.refresh_from_db()
    assert (b.data, b.version) == ({}, 0)
    saved = services.section_save(actor=delegate_a, entry=b, expected_version=0, answers={
        "cluster_munitions": "12", "destruction_completed_on": "2024-02-29",
        "stockpiles": "Destroyed at the Doboj site."}, agency="Ministry of Defence")
    assert saved.data == {"cluster_munitions": 12, "destruction_completed_on": "2024-02-29",
                          "stockpiles": "Destroyed at the Doboj site."}
    assert (saved.version, saved.agency) == (1, "Ministry of Defence")


def test_second_writer_gets_a_conflict_and_the_first_text_survives(bih_member, focal_a,
                                                                   delegate_a, obligations):
    report = services.report_start(actor=focal_a, state=bih_member,
                                   obligation=obligations["ccm-art7-annual"], cycle_year=2025)
    first = entry(report, "F")
    second = entry(report, "F")  # both opened version 0
    services.section_save(actor=focal_a, entry=first, expected_version=0,
                          answers={"clearance": "Mine action centre text"})
    with pytest.raises(services.EditConflict) as conflict:
        services.section_save(actor=delegate_a, entry=second, expected_version=0,
                              answers={"clearance": "Ministry text"})
    assert conflict.value.current.data["clearance"] == "Mine action centre text"
    assert conflict.value.current.updated_by == focal_a
    assert entry(report, "F").data == {"clearance": "Mine action centre text"}
    services.section_save(actor=delegate_a, entry=second, expected_version=1,
                          answers={"clearance": "Merged text"})
    assert entry(report, "F").version == 2
    # A stale request carrying the answers already saved is not a conflict.
    same = services.section_save(actor=focal_a, entry=entry(report, "F"), expected_version=0,
                                 answers={"clearance": "Merged text"})
    assert same.version == 2


def test_shared_theme_filled_once_is_offered_in_the_other_reports_of_the_cycle(
        bih_member, focal_a, obligations):
    ccm = services.report_start(actor=focal_a, state=bih_member,
                                obligation=obligations["ccm-art7-annual"], cycle_year=2025)
    apmbc = services.report_start(actor=focal_a, state=bih_member,
                                  obligation=obligations["apmbc-art7-annual"], cycle_year=2025)
    apii = services.report_start(actor=focal_a, state=bih_member,
                                 obligation=obligations["ccw-apii-art13"], cycle_year=2025)
    h = services.section_save(actor=focal_a, entry=entry(ccm, "H"), expected_version=0,
                              answers={"victim_assistance": "National VA plan 2021–2025"})
    offers = selectors.shared_offers(apmbc)
    assert offers["victim_assistance"].value == "National VA plan 2021–2025"
    assert offers["victim_assistance"].origin == h
    assert selectors.shared_offers(apii)["victim_assistance"].origin.report == ccm
    # Not offered in another cycle, nor to another State.
    other = services.report_start(actor=focal_a, state=bih_member,
                                  obligation=obligations["apmbc-art7-annual"], cycle_year=2024)
    assert "victim_assistance" not in selectors.shared_offers(other)
    # Taken and edited there, with its origin kept.
    j = services.section_save(actor=focal_a, entry=entry(apmbc, "J"), expected_version=0,
                              answers={"victim_assistance": "National VA plan 2021–2025 (APMBC)"},
                              origins={"victim_assistance": h.pk})
    assert j.origins == {"victim_assistance": h.pk}


def test_submit_keeps_versions_and_queues_the_pdf(bih_member, focal_a, delegate_a, obligations,
                                                  django_capture_on_commit_callbacks):
    report = services.report_start(actor=delegate_a, state=bih_member,
                                   obligation=obligations["ccw-apii-art13"], cycle_year=2025)
    with pytest.raises(PermissionDenied):
        services.report_submit(actor=delegate_a, report=report)
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    with django_capture_on_commit_callbacks(execute=True):
        services.report_submit(actor=focal_a, report=report)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.submitted_by == focal_a
    assert ReportVersion.objects.get(report=report).number == 1
    pdf = GeneratedFile.objects.get(kind="reporting.report_pdf")
    assert pdf.status == "done" and pdf.filename == "BIH-ccw-apii-art13-2025.pdf"
    with pytest.raises(ValidationError):
        services.report_submit(actor=focal_a, report=report)
    services.report_reopen(actor=focal_a, report=report)
    services.section_save(actor=focal_a, entry=entry(report, "F"), expected_version=0,
                          answers={"other": "Amended"})
    services.report_submit(actor=focal_a, report=report)
    assert list(report.versions.values_list("number", flat=True)) == [2, 1]
    assert report.versions.get(number=2).snapshot["forms"]["F"]["data"] == {"other": "Amended"}
    assert report.versions.get(number=1).snapshot["forms"]["F"]["data"] == {}


def test_nothing_changed_copies_the_last_report_with_unchanged_ticks(bih_member, focal_a,
                                                                     obligations):
    last = services.report_start(actor=focal_a, state=bih_member,
                                 obligation=obligations["ccm-art7-annual"], cycle_year=2024)
    services.section_save(actor=focal_a, entry=entry(last, "A"), expected_version=0,
                          answers={"legislation_adopted": "yes"}, disclosure="states_parties")
    services.section_save(actor=focal_a, entry=entry(last, "C"), expected_version=0,
                          answers={}, tick=ChangeTick.NOT_APPLICABLE)
    with pytest.raises(ValidationError):  # only received reports are copied
        services.report_copy_last(actor=focal_a, state=bih_member,
                                  obligation=obligations["ccm-art7-annual"], cycle_year=2025)
    services.report_submit(actor=focal_a, report=last)
    copy = services.report_copy_last(actor=focal_a, state=bih_member,
                                     obligation=obligations["ccm-art7-annual"], cycle_year=2025)
    a = entry(copy, "A")
    assert (copy.status, copy.based_on) == (ReportStatus.DRAFT, last)
    assert (a.data, a.tick, a.unchanged_since_year, a.disclosure) == (
        {"legislation_adopted": True}, ChangeTick.UNCHANGED, 2024, "states_parties")
    assert entry(copy, "C").tick == ChangeTick.NOT_APPLICABLE


def test_unchanged_tick_needs_an_earlier_year(bih_member, focal_a, obligations):
    report = services.report_start(actor=focal_a, state=bih_member,
                                   obligation=obligations["ccm-art7-annual"], cycle_year=2025)
    with pytest.raises(ValidationError) as error:
        services.section_save(actor=focal_a, entry=entry(report, "A"), expected_version=0,
                              answers={}, tick=ChangeTick.UNCHANGED)
    assert "unchanged_since_year" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.section_save(actor=focal_a, entry=entry(report, "A"), expected_version=0,
                              answers={}, tick=ChangeTick.UNCHANGED, unchanged_since_year=2025)


def test_attachments_are_checked(bih_member, focal_a, obligations):
    report = services.report_start(actor=focal_a, state=bih_member,
                                   obligation=obligations["ccm-art7-annual"], cycle_year=2025)
    with pytest.raises(ValidationError):
        services.attachment_add(actor=focal_a, report=report,
                                upload=SimpleUploadedFile("x.exe", b"MZ..."))
    with pytest.raises(ValidationError):
        services.attachment_add(actor=focal_a, report=report,
                                upload=SimpleUploadedFile("map.pdf", b"<html>"))
    big = SimpleUploadedFile("big.csv", b"a" * (10 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError):
        services.attachment_add(actor=focal_a, report=report, upload=big)
    ok = services.attachment_add(actor=focal_a, report=report,
                                 upload=SimpleUploadedFile("map.pdf", b"%PDF-1.4 ..."))
    assert (ok.original_name, ok.content_type, report.attachments.count()) == (
        "map.pdf", "application/pdf", 1)


def test_publish_follows_the_states_wish(bih_member, focal_a, ccm_staff, apmbc_staff,
                                         obligations):
    report = services.report_start(actor=focal_a, state=bih_member,
                                   obligation=obligations["ccm-art7-annual"], cycle_year=2025)
    services.report_submit(actor=focal_a, report=report, publication_wish="restricted")
    with pytest.raises(PermissionDenied):
        services.report_publish(actor=apmbc_staff, report=report)
    with pytest.raises(PermissionDenied):
        services.report_publish(actor=focal_a, report=report)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    services.report_publish(actor=ccm_staff, report=report)
    report.refresh_from_db()
    assert report.status == ReportStatus.RESTRICTED


def test_calendar_and_synchronized_deadline(bih_member, focal_a, delegate_a, obligations):
    calendar = selectors.state_calendar(bih_member, 2025, user=focal_a,
                                        today=D(2025, 1, 10))
    assert [(r.obligation.code, r.deadline.due_on) for r in calendar.rows] == [
        ("ccw-apii-art13", D(2025, 3, 31)), ("ccw-p5-art10", D(2025, 3, 31)),
        ("ccw-compliance", D(2025, 3, 31)), ("ccm-art7-annual", D(2025, 4, 30)),
        ("apmbc-art7-annual", D(2025, 4, 30))]
    assert calendar.proposed_deadline == D(2025, 3, 1)
    assert calendar.families == ["03-31", "04-30"]
    with pytest.raises(PermissionDenied):
        services.deadline_adopt(actor=delegate_a, state=bih_member, cycle_year=2025,
                                internal_deadline=D(2025, 3, 1))
    services.deadline_adopt(actor=focal_a, state=bih_member, cycle_year=2025,
                            internal_deadline=D(2025, 3, 1))
    assert selectors.state_calendar(bih_member, 2025).adopted.internal_deadline == D(2025, 3, 1)


def test_states_owing_both_families(bih_member, lbn_member, conventions, obligations):
    only_ccw = StateFactory(iso3="USA")
    join(only_ccw, conventions["CCW-APII"], D(1999, 5, 24))
    counts = selectors.states_owing_both_families(2025, first="03-31", second="04-30")
    assert (counts["both"], counts["first_only"], counts["second_only"]) == (1, 1, 1)
    families = selectors.deadline_families()
    assert [(f.key, f.conventions) for f in families] == [
        ("03-31", ["CCW", "CCW Amended Protocol II", "CCW Protocol V"]),
        ("04-30", ["CCM", "APMBC"])]
    assert selectors.states_owing_by_family(2025, families) == {
        "year": 2025, "several": 1, "only": [1, 1]}
