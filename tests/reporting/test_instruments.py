"""A new convention is data: entered through the API or the admin, or imported from an
instrument definition, it gets correct effective dates and deadlines with no code change."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from core.models import AuditEntry
from reporting import selectors
from reporting.demo import load_more_instruments
from reporting.enums import DueRule, PeriodCovered
from reporting.instruments import (
    InstrumentImportError,
    instruments_import,
    shipped_definition_text,
    shipped_definitions,
)
from reporting.models import FormField, Obligation, ReportForm
from tests.factories import StateFactory
from tests.factories.reporting import join
from treaties.enums import EntryIntoForceRule
from treaties.models import ISU, Convention, HostOrganisation, Membership
from treaties.reference import load_states

D = datetime.date

MADE_UP = {
    "code": "TIW", "short_name": "TIW", "name": "Treaty on Imaginary Weapons",
    "name_fr": "Traité sur les armes imaginaires", "name_es": "Tratado sobre armas imaginarias",
    "name_ar": "معاهدة الأسلحة الخيالية", "adopted_on": "2019-05-01",
    "entry_into_force": "2020-03-01", "entry_into_force_rule": "days_after_deposit",
    "entry_into_force_days": 90,
}


def test_a_made_up_instrument_through_the_api_only(api_as, admin_user, conventions):
    """No code names TIW: its rule, its obligation, a membership, then the State's calendar."""
    client = api_as(admin_user)
    response = client.post("/api/v1/conventions/", MADE_UP, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["entry_into_force_days"] == 90
    response = client.post("/api/v1/reporting/obligations/", {
        "code": "tiw-annual", "convention": "TIW", "kind": "annual",
        "name": "Annual report on imaginary transfers", "article": "Article 9",
        "due_rule": "annual_fixed_date", "due_month": 5, "due_day": 31}, format="json")
    assert response.status_code == 201, response.json()
    assert (response.json()["period_covered"], response.json()["initial_report"],
            response.json()["initial_stands_in"]) == ("previous_calendar_year", None, False)
    StateFactory(iso3="NOR")
    StateFactory(iso3="ISL")
    response = client.post("/api/v1/memberships/", {
        "state": "NOR", "convention": "TIW", "instrument_type": "ratification",
        "deposited_on": "2023-11-15"}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["effective_on"] == "2024-02-13"  # the 90th day after the deposit
    response = client.post("/api/v1/memberships/", {
        "state": "ISL", "convention": "TIW", "instrument_type": "ratification",
        "deposited_on": "2019-06-01"}, format="json")
    assert response.json()["effective_on"] == "2020-03-01"  # never before the treaty itself

    def calendar(iso3, year):
        response = client.get(f"/api/v1/states/{iso3}/obligations/?year={year}")
        assert response.status_code == 200
        return [(o["obligation"], o["convention"], o["due_on"], o["period_start"],
                 o["period_end"]) for o in response.json()["obligations"]]

    assert calendar("NOR", 2024) == []  # not a party in 2023, the year a 2024 report covers
    assert calendar("NOR", 2025) == [("tiw-annual", "TIW", "2025-05-31", "2024-01-01",
                                      "2024-12-31")]
    assert calendar("ISL", 2021) == [("tiw-annual", "TIW", "2021-05-31", "2020-01-01",
                                      "2020-12-31")]
    assert set(AuditEntry.objects.filter(actor=admin_user).values_list("action", flat=True)) \
        == {"convention.created", "obligation.created", "membership.created"}


def test_an_unknown_rule_kind_is_refused_at_entry(api_as, admin_user, conventions):
    client = api_as(admin_user)
    response = client.post("/api/v1/conventions/", {
        **MADE_UP, "entry_into_force_rule": "ninety_days_or_so"}, format="json")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"entry_into_force_rule"}
    # A known kind without its number, or with the wrong one, is refused too.
    response = client.post("/api/v1/conventions/", {
        **MADE_UP, "entry_into_force_days": None}, format="json")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"entry_into_force_days"}
    response = client.post("/api/v1/conventions/", {
        **MADE_UP, "entry_into_force_rule": "on_deposit"}, format="json")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"entry_into_force_days"}
    assert not Convention.objects.filter(code="TIW").exists()
    assert not AuditEntry.objects.filter(action="convention.created").exists()


def test_only_administrators_enter_conventions_and_obligations(api_as, ccm_staff, conventions):
    client = api_as(ccm_staff)
    assert client.post("/api/v1/conventions/", MADE_UP, format="json").status_code == 403
    assert client.post("/api/v1/reporting/obligations/", {
        "code": "ccm-more", "convention": "CCM", "kind": "annual", "name": "More",
        "due_rule": "annual_fixed_date", "due_month": 5, "due_day": 31},
        format="json").status_code == 403
    assert not Convention.objects.filter(code="TIW").exists()
    assert not Obligation.objects.filter(code="ccm-more").exists()


def test_obligation_rules_are_checked_at_entry(api_as, admin_user, conventions):
    client = api_as(admin_user)
    base = {"code": "ccm-more", "convention": "CCM", "kind": "annual", "name": "More",
            "due_rule": "annual_fixed_date", "due_month": 5, "due_day": 31}
    response = client.post("/api/v1/reporting/obligations/", {**base, "due_rule": "whenever"},
                           format="json")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"due_rule"}
    response = client.post("/api/v1/reporting/obligations/", {**base, "initial_stands_in": True},
                           format="json")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"initial_stands_in"}
    response = client.post("/api/v1/reporting/obligations/",
                           {**base, "period_covered": "as_at_entry_into_force"}, format="json")
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"period_covered"}
    assert not Obligation.objects.filter(code="ccm-more").exists()


@pytest.fixture
def shipped(conventions):
    HostOrganisation.objects.create(short_name="UNODA", name="UNODA")
    for name in shipped_definitions():
        instruments_import(actor=None, text=shipped_definition_text(name))
    return {c.code: c for c in Convention.objects.filter(code__in=["ATT", "BWC", "TPNW"])}


def test_the_shipped_instruments_carry_their_real_rules(shipped):
    att, bwc, tpnw = shipped["ATT"], shipped["BWC"], shipped["TPNW"]
    assert (att.entry_into_force, att.entry_into_force_rule, att.entry_into_force_days) == (
        D(2014, 12, 24), EntryIntoForceRule.DAYS_AFTER_DEPOSIT, 90)
    assert (bwc.entry_into_force, bwc.entry_into_force_rule) == (
        D(1975, 3, 26), EntryIntoForceRule.ON_DEPOSIT)
    assert (tpnw.entry_into_force, tpnw.entry_into_force_days) == (D(2021, 1, 22), 90)
    assert att.effective_date_for_deposit(D(2014, 4, 2)) == D(2014, 12, 24)
    assert att.effective_date_for_deposit(D(2019, 5, 9)) == D(2019, 8, 7)
    assert bwc.effective_date_for_deposit(D(1994, 8, 15)) == D(1994, 8, 15)
    assert tpnw.effective_date_for_deposit(D(2023, 9, 23)) == D(2023, 12, 22)
    assert [(o.code, o.due_rule, o.due_days, o.due_month, o.due_day, o.period_covered,
             o.initial_report and o.initial_report.code, o.initial_stands_in)
            for o in Obligation.objects.filter(convention__in=shipped.values())
            .order_by("code")] == [
        ("att-art13-annual", DueRule.ANNUAL_FIXED_DATE, None, 5, 31,
         PeriodCovered.PREVIOUS_CALENDAR_YEAR, "att-art13-initial", False),
        ("att-art13-initial", DueRule.DAYS_AFTER_ENTRY_INTO_FORCE, 365, None, None,
         PeriodCovered.AS_AT_ENTRY_INTO_FORCE, None, False),
        ("bwc-cbm", DueRule.ANNUAL_FIXED_DATE, None, 4, 15,
         PeriodCovered.PREVIOUS_CALENDAR_YEAR, None, False),
        ("tpnw-art2-declaration", DueRule.DAYS_AFTER_ENTRY_INTO_FORCE, 30, None, None,
         PeriodCovered.AS_AT_ENTRY_INTO_FORCE, None, False),
    ]
    assert (tpnw.name_fr, tpnw.name_es, tpnw.name_ar) == (
        "Traité sur l'interdiction des armes nucléaires",
        "Tratado sobre la Prohibición de las Armas Nucleares", "معاهدة حظر الأسلحة النووية")
    assert ISU.objects.get(convention=bwc).host.short_name == "UNODA"
    assert list(ReportForm.objects.filter(obligation__code="att-art13-annual")
                .values_list("code", flat=True)) == ["A", "B"]


def test_importing_again_changes_nothing(shipped):
    counts = (Convention.objects.count(), Obligation.objects.count(), ReportForm.objects.count(),
              FormField.objects.count(), AuditEntry.objects.count())
    for name in shipped_definitions():
        instruments_import(actor=None, text=shipped_definition_text(name))
    assert (Convention.objects.count(), Obligation.objects.count(), ReportForm.objects.count(),
            FormField.objects.count(), AuditEntry.objects.count()) == counts


def test_a_state_joining_late_owes_both_att_reports_but_one_ccm_report(shipped, conventions,
                                                                        state_a):
    """ATT Art. 13(3): the initial report does not stand in; CCM practice: it does."""
    join(state_a, shipped["ATT"], D(2024, 11, 1))
    join(state_a, conventions["CCM"], D(2024, 11, 1))
    from reporting.forms_data import load_obligations

    load_obligations(log=lambda *a: None)
    calendar = selectors.state_calendar(state_a, 2025)
    assert [(r.obligation.code, r.deadline.due_on) for r in calendar.rows] == [
        ("ccm-art7-initial", D(2025, 4, 30)), ("att-art13-annual", D(2025, 5, 31)),
        ("att-art13-initial", D(2025, 11, 1))]


def test_a_bad_definition_is_refused_whole(conventions):
    text = """
convention:
  code: XYZ
  names: {en: Made-up convention, de: Erfundene Konvention}
  entry_into_force: 2020-01-01
  entry_into_force_rule: {kind: when_it_feels_right}
obligations:
  - code: xyz-annual
    kind: annual
    names: {en: Annual}
    due: {rule: annual_fixed_date, month: 2, day: 30}
"""
    with pytest.raises(InstrumentImportError) as refused:
        instruments_import(actor=None, text=text)
    assert refused.value.errors == [
        "instrument 1.convention.entry_into_force_rule.kind: unknown value "
        "'when_it_feels_right'; known: first_of_month_after_deposit, months_after_deposit, "
        "days_after_deposit, on_deposit",
        "instrument 1.convention: names in languages the portal does not have: de "
        "(settings.LANGUAGES: en, fr, es, ar)",
    ]
    # A good convention with a bad obligation: the convention is not written either.
    text = text.replace("de: Erfundene Konvention", "fr: Convention inventée").replace(
        "when_it_feels_right", "on_deposit")
    with pytest.raises(InstrumentImportError) as refused:
        instruments_import(actor=None, text=text)
    assert refused.value.errors == [
        "instrument 1.obligations[1]: due_day: This day does not exist in this month."]
    assert not Convention.objects.filter(code="XYZ").exists()
    assert not Obligation.objects.filter(code="xyz-annual").exists()
    assert not AuditEntry.objects.exists()


def test_import_instruments_command(conventions, tmp_path):
    path = tmp_path / "tiw.json"
    path.write_text('{"convention": {"code": "TIW", "names": {"en": "Imaginary"}, '
                    '"entry_into_force": "2020-03-01", "entry_into_force_rule": '
                    '{"kind": "months_after_deposit", "months": 3}}, "obligations": ['
                    '{"code": "tiw-annual", "kind": "annual", "names": {"en": "Annual"}, '
                    '"due": {"rule": "annual_fixed_date", "month": 5, "day": 31}}]}',
                    encoding="utf-8")
    call_command("import_instruments", str(path))
    assert Convention.objects.get(code="TIW").effective_date_for_deposit(D(2021, 1, 31)) == \
        D(2021, 4, 30)
    bad = tmp_path / "bad.yaml"
    bad.write_text("convention: {code: BAD}\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_instruments", str(bad))
    assert not Convention.objects.filter(code="BAD").exists()


def test_admin_upload_calls_the_same_import(client, admin_user, conventions):
    client.force_login(admin_user)
    url = "/admin/reporting/obligation/import/"
    assert "instrument-import" in client.get(url).content.decode()
    bad = SimpleUploadedFile("bad.yaml", b"convention: {code: BAD, names: {en: Bad}, "
                             b"entry_into_force: 2020-01-01, entry_into_force_rule: "
                             b"{kind: sometime}}\n")
    page = client.post(url, {"definition": bad})
    assert page.status_code == 200
    assert "unknown value &#x27;sometime&#x27;" in page.content.decode()
    assert not Convention.objects.filter(code="BAD").exists()
    good = SimpleUploadedFile("tpnw.yaml", shipped_definition_text("tpnw.yaml").encode())
    response = client.post(url, {"definition": good})
    assert response.status_code == 302
    assert Obligation.objects.get(code="tpnw-art2-declaration").due_days == 30
    assert AuditEntry.objects.get(action="convention.created").actor == admin_user


def test_admin_refuses_an_unknown_rule_kind_on_the_convention_form(client, admin_user,
                                                                    conventions):
    client.force_login(admin_user)
    page = client.post("/admin/treaties/convention/add/", {
        "code": "TIW", "short_name": "TIW", "name": "Imaginary", "entry_into_force": "2020-03-01",
        "entry_into_force_rule": "sometime", "ordering_key": 100})
    assert page.status_code == 200
    assert "Select a valid choice" in page.content.decode()
    page = client.post("/admin/treaties/convention/add/", {
        "code": "TIW", "short_name": "TIW", "name": "Imaginary", "entry_into_force": "2020-03-01",
        "entry_into_force_rule": "days_after_deposit", "ordering_key": 100})
    assert "This rule needs its number of days." in page.content.decode()
    assert not Convention.objects.filter(code="TIW").exists()
    response = client.post("/admin/treaties/convention/add/", {
        "code": "TIW", "short_name": "TIW", "name": "Imaginary", "entry_into_force": "2020-03-01",
        "entry_into_force_rule": "days_after_deposit", "entry_into_force_days": 90,
        "ordering_key": 100})
    assert response.status_code == 302
    assert Convention.objects.get(code="TIW").effective_date_for_deposit(D(2023, 11, 15)) == \
        D(2024, 2, 13)
    assert AuditEntry.objects.get(action="convention.created").actor == admin_user


def test_the_demo_calendars_show_att_bwc_and_tpnw(conventions):
    load_states()
    HostOrganisation.objects.create(short_name="UNODA", name="UNODA")
    load_more_instruments(log=lambda *a: None)
    assert Membership.objects.filter(convention__code__in=["ATT", "BWC", "TPNW"]).count() == 12
    from treaties.models import State

    bih, col = State.objects.get(iso3="BIH"), State.objects.get(iso3="COL")
    assert [(r.obligation.code, r.deadline.due_on) for r in
            selectors.state_calendar(bih, 2026).rows] == [
        ("bwc-cbm", D(2026, 4, 15)), ("att-art13-annual", D(2026, 5, 31))]
    # Colombia's (demo) ratifications of 2026: the ATT initial report and the TPNW declaration.
    assert [(r.obligation.code, r.deadline.due_on) for r in
            selectors.state_calendar(col, 2026).rows] == [
        ("bwc-cbm", D(2026, 4, 15)), ("tpnw-art2-declaration", D(2026, 10, 13))]
    assert [(r.obligation.code, r.deadline.due_on) for r in
            selectors.state_calendar(col, 2027).rows] == [
        ("bwc-cbm", D(2027, 4, 15)), ("att-art13-initial", D(2027, 5, 31)),
        ("att-art13-annual", D(2027, 5, 31))]
