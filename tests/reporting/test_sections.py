"""Saving one form of a draft: a partial save changes only what it names (issue 9.2), and one
person's consecutive saves never conflict with each other while another person's still do
(issue 9.16). Through the service, the API and the page."""

import pytest

from core.models import AuditEntry
from reporting import services
from reporting.enums import ChangeTick, Disclosure
from reporting.models import SectionEntry

FIELDS = ["data", "tick", "unchanged_since_year", "disclosure", "agency", "origins"]


def start(user, state, obligation, year=2025):
    return services.report_start(actor=user, state=state, obligation=obligation,
                                 cycle_year=year)


def state_of(entry):
    entry = SectionEntry.objects.get(pk=entry.pk)
    return {name: getattr(entry, name) for name in FIELDS}


@pytest.fixture
def filled(bih_member, focal_a, obligations):
    """CCM Form F of a 2025 draft with answers, agency and a States Parties disclosure."""
    report = start(focal_a, bih_member, obligations["ccm-art7-annual"])
    entry = report.entries.select_related("form", "report").get(form__code="F")
    return services.section_save(
        actor=focal_a, entry=entry, expected_version=0,
        answers={"area_contaminated_m2": 52000, "area_cleared_m2": 1500,
                 "clearance": "BHMAC surveyed 12 areas."},
        agency="BHMAC", disclosure=Disclosure.STATES_PARTIES)


def sections_url(entry):
    return f"/api/v1/reporting/reports/{entry.report_id}/sections/"


# --- 9.2: a partial save changes only what it names ----------------------------------------

@pytest.mark.parametrize("method", ["patch", "post"])
def test_api_save_with_only_the_disclosure_keeps_the_answers(api_as, filled, focal_a, method):
    before = state_of(filled)
    response = getattr(api_as(focal_a), method)(sections_url(filled), {
        "form": "F", "version": 1, "disclosure": "withheld"}, format="json")
    assert response.status_code == 200, response.json()
    assert (response.json()["version"], response.json()["data"]) == (2, before["data"])
    assert state_of(filled) == {**before, "disclosure": "withheld"}


@pytest.mark.parametrize("method", ["patch", "post"])
def test_api_save_with_only_the_tick_keeps_the_answers(api_as, filled, focal_a, method):
    before = state_of(filled)
    response = getattr(api_as(focal_a), method)(sections_url(filled), {
        "form": "F", "version": 1, "tick": "unchanged", "unchanged_since_year": 2023},
        format="json")
    assert response.status_code == 200, response.json()
    assert state_of(filled) == {**before, "tick": ChangeTick.UNCHANGED,
                                "unchanged_since_year": 2023}
    # Back to "changed": the year goes (the database requires it only with "unchanged").
    response = api_as(focal_a).post(sections_url(filled), {
        "form": "F", "version": 2, "tick": "changed"}, format="json")
    assert response.status_code == 200, response.json()
    assert state_of(filled) == before


@pytest.mark.parametrize("method", ["patch", "post"])
def test_api_save_with_data_changes_only_the_fields_named(api_as, filled, focal_a, method):
    before = state_of(filled)
    response = getattr(api_as(focal_a), method)(sections_url(filled), {
        "form": "F", "version": 1,
        "data": {"area_cleared_m2": 1800, "area_contaminated_m2": None}},
        format="json")
    assert response.status_code == 200, response.json()
    assert state_of(filled) == {**before, "data": {
        "area_cleared_m2": 1800, "clearance": "BHMAC surveyed 12 areas."}}
    audit = AuditEntry.objects.filter(action="report.section_saved").order_by("pk").last()
    assert audit.changes == {"form": "F", "version": 2,
                             "answers": ["area_cleared_m2", "area_contaminated_m2"]}


def test_a_refused_partial_save_leaves_everything(api_as, filled, focal_a):
    before = state_of(filled)
    response = api_as(focal_a).patch(sections_url(filled), {
        "form": "F", "version": 1, "tick": "unchanged"}, format="json")  # no year
    assert response.status_code == 400
    assert response.json()["fields"] == {
        "unchanged_since_year": ["Say since which year's report nothing changed."]}
    assert state_of(filled) == before
    assert SectionEntry.objects.get(pk=filled.pk).version == 1


def test_service_without_answers_keeps_them(filled, focal_a):
    before = state_of(filled)
    services.section_save(actor=focal_a, entry=filled, expected_version=1, agency="MoD")
    assert state_of(filled) == {**before, "agency": "MoD"}


# --- 9.16: one person's consecutive saves never conflict ------------------------------------

def test_own_consecutive_saves_from_the_same_opened_version_do_not_conflict(
        bih_member, focal_a, delegate_a, obligations):
    report = start(focal_a, bih_member, obligations["ccm-art7-annual"])
    opened = report.entries.select_related("form", "report").get(form__code="E")
    # A choice, then typing at once: both requests carry version 0 (the page never got the
    # first answer's new version).
    services.section_save(actor=focal_a, entry=opened, expected_version=0,
                          answers={"status": "in_progress"})
    services.section_save(actor=focal_a, entry=opened, expected_version=0,
                          answers={"status": "in_progress", "details": "Plant at Vogošća"})
    third = services.section_save(actor=focal_a, entry=opened, expected_version=1,
                                  answers={"details": "Plant at Vogošća, 2025"})
    assert (third.version, third.data) == (3, {"status": "in_progress",
                                               "details": "Plant at Vogošća, 2025"})
    # Someone else who opened any of those versions is told.
    with pytest.raises(services.EditConflict) as conflict:
        services.section_save(actor=delegate_a, entry=opened, expected_version=2,
                              answers={"details": "Ministry text"})
    assert (conflict.value.current.version, conflict.value.current.updated_by) == (3, focal_a)
    # Once another person saved, my save based on a version before theirs conflicts.
    services.section_save(actor=delegate_a, entry=opened, expected_version=3,
                          answers={"details": "Ministry text"})
    with pytest.raises(services.EditConflict):
        services.section_save(actor=focal_a, entry=opened, expected_version=3,
                              answers={"details": "Mine again"})
    # ... but not one based on their version, nor my next ones from that same base.
    services.section_save(actor=focal_a, entry=opened, expected_version=4,
                          answers={"details": "Mine again"})
    last = services.section_save(actor=focal_a, entry=opened, expected_version=4,
                                 answers={"details": "Mine, final"})
    assert (last.version, last.data["details"], last.editor_since_version) == (
        6, "Mine, final", 5)


def page_form(version, **answers):
    return {"version": version, "tick": "changed", "disclosure": "public",
            **{f"answer_{k}": v for k, v in answers.items()}}


def test_page_two_quick_saves_by_the_same_person_do_not_conflict(
        client, bih_member, focal_a, obligations):
    report = start(focal_a, bih_member, obligations["ccm-art7-annual"])
    url = f"/reporting/reports/{report.pk}/forms/E/"
    client.force_login(focal_a)
    first = client.post(url, page_form(0, status="in_progress"), HTTP_HX_REQUEST="true")
    second = client.post(url, page_form(0, status="in_progress", details="Plant at Vogošća"),
                         HTTP_HX_REQUEST="true")
    body = second.content.decode()
    assert "Saved at" in first.content.decode() and "Saved at" in body
    assert "after you opened it" not in body
    assert 'value="2" id="id_version" hx-swap-oob="true"' in body  # what the next save sends
    entry = SectionEntry.objects.get(report=report, form__code="E")
    assert (entry.version, entry.data) == (2, {"status": "in_progress",
                                               "details": "Plant at Vogošća"})


def test_page_a_quick_save_by_another_person_conflicts(client, bih_member, focal_a,
                                                       delegate_a, obligations):
    report = start(focal_a, bih_member, obligations["ccm-art7-annual"])
    url = f"/reporting/reports/{report.pk}/forms/E/"
    client.force_login(focal_a)
    client.post(url, page_form(0, status="in_progress"), HTTP_HX_REQUEST="true")
    other = client.__class__()
    other.force_login(delegate_a)
    body = other.post(url, page_form(0, status="completed", details="Ministry"),
                      HTTP_HX_REQUEST="true").content.decode()
    assert "after you opened it" in body and 'name="force_version" value="1"' in body
    entry = SectionEntry.objects.get(report=report, form__code="E")
    assert (entry.version, entry.data, entry.updated_by) == (1, {"status": "in_progress"},
                                                             focal_a)


def test_api_same_person_stale_version_is_saved_another_person_gets_409(
        api_as, filled, focal_a, delegate_a):
    mine = api_as(focal_a).post(sections_url(filled), {
        "form": "F", "version": 0, "data": {"clearance": "Second thought"}}, format="json")
    assert mine.status_code == 200, mine.json()
    assert mine.json()["version"] == 2
    theirs = api_as(delegate_a).post(sections_url(filled), {
        "form": "F", "version": 1, "data": {"clearance": "Ministry text"}}, format="json")
    assert theirs.status_code == 409
    assert theirs.json()["current"]["data"]["clearance"] == "Second thought"
    assert SectionEntry.objects.get(pk=filled.pk).data["clearance"] == "Second thought"
