import datetime

import pytest
from django.core.management import CommandError, call_command

from accounts.services import system_actor
from core.models import AuditEntry
from tests.factories import StateFactory
from treaties.importer import MembershipImportError, import_memberships
from treaties.models import Membership, State
from treaties.reference import load_states, untc_extract_text
from treaties.selectors import overlap_on, parties_on

D = datetime.date

SIMPLE_CSV = """state_iso3,convention,deposited,withdrawn
AUT,CCM,2009-04-02,
AUT,APMBC,1998-06-29,
NOR,CCM,2008-12-03,
CUB,CCM,2016-04-06,
FIN,APMBC,2012-01-09,2026-01-10
USA,CCW,1995-03-24,
"""


@pytest.fixture
def six_states(db):
    return {code: StateFactory(iso3=code) for code in ("AUT", "NOR", "CUB", "FIN", "USA", "POL")}


def test_simple_csv_import_and_overlap(conventions, six_states):
    result = import_memberships(actor=system_actor(), text=SIMPLE_CSV)
    assert (result.created, result.updated, result.unchanged) == (6, 0, 0)
    ccm, apmbc = conventions["CCM"], conventions["APMBC"]

    overlap = overlap_on(ccm, apmbc, D(2017, 9, 4))
    assert sorted(s.iso3 for s in overlap.only_a) == ["CUB", "NOR"]
    assert [s.iso3 for s in overlap.only_b] == ["FIN"]
    assert [s.iso3 for s in overlap.both] == ["AUT"]

    # Cuba deposited 2016-04-06: a CCM party from 2016-10-01, not before.
    assert "CUB" not in {s.iso3 for s in parties_on(ccm, D(2016, 9, 30))}
    assert "CUB" in {s.iso3 for s in parties_on(ccm, D(2016, 10, 1))}
    # Finland's withdrawal took effect on 2026-01-10.
    assert "FIN" in {s.iso3 for s in parties_on(apmbc, D(2026, 1, 9))}
    assert "FIN" not in {s.iso3 for s in parties_on(apmbc, D(2026, 1, 10))}


def test_reimport_changes_nothing(conventions, six_states):
    import_memberships(actor=system_actor(), text=SIMPLE_CSV)
    audit_rows = AuditEntry.objects.count()
    result = import_memberships(actor=system_actor(), text=SIMPLE_CSV)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 6)
    assert AuditEntry.objects.count() == audit_rows


def test_bad_rows_are_all_reported_and_nothing_is_imported(conventions, six_states):
    bad = """state_iso3,convention,deposited,withdrawn
AUT,CCM,2009-04-02,
XXX,CCM,2009-04-02,
NOR,NOPE,2009-04-02,
NOR,CCM,2009-13-45,
FIN,APMBC,2012-01-09,2011-01-01
AUT,CCM,2009-04-02,
"""
    with pytest.raises(MembershipImportError) as raised:
        import_memberships(actor=system_actor(), text=bad)
    assert raised.value.errors == [
        "line 3: unknown State 'XXX'",
        "line 4: unknown convention 'NOPE'",
        "line 5: deposited '2009-13-45' is not a date (YYYY-MM-DD)",
        "line 6: withdrawal 2011-01-01 is not after deposit 2012-01-09",
        "line 7: duplicate of line 2 (AUT, CCM)",
    ]
    assert Membership.objects.count() == 0


def test_command_reports_bad_rows(conventions, six_states, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("state_iso3,convention,deposited,withdrawn\nZZZ,CCM,2009-01-01,\n")
    with pytest.raises(CommandError, match="1 bad row"):
        call_command("import_memberships", str(path))
    assert "line 2: unknown State 'ZZZ'" in capsys.readouterr().err
    assert Membership.objects.count() == 0


def test_unknown_header_is_refused(conventions):
    with pytest.raises(MembershipImportError, match="unknown header"):
        import_memberships(actor=system_actor(), text="a,b,c\n1,2,3\n")


def test_untc_extract_reproduces_paragraph_12(conventions):
    load_states()
    result = import_memberships(actor=system_actor(), text=untc_extract_text())
    assert result.created == 613
    overlap = overlap_on(conventions["CCM"], conventions["APMBC"], D(2017, 9, 4))
    # ¶12: four CCM States Parties were not APMBC parties, more than 60 the reverse.
    assert sorted(s.iso3 for s in overlap.only_a) == ["CUB", "LAO", "LBN", "PSE"]
    assert len(overlap.only_b) == 66
    # The depositary's name is kept as the official UN name.
    assert State.objects.get(iso3="TUR").official_un_name == "Türkiye"
    # Today's withdrawals.
    withdrawn = {(m.state.iso3, m.convention.code) for m in
                 Membership.objects.filter(withdrawal_effective_on__isnull=False)
                 .select_related("state", "convention")}
    assert withdrawn == {("EST", "APMBC"), ("FIN", "APMBC"), ("LVA", "APMBC"),
                         ("LTU", "APMBC"), ("POL", "APMBC"), ("LTU", "CCM")}
    assert "POL" not in {s.iso3 for s in parties_on(conventions["APMBC"], D(2026, 11, 29))}


def test_states_reference_has_every_un_member_and_observer(db):
    assert load_states() == 197
    assert State.objects.filter(un_status="member").count() == 193
    assert set(State.objects.filter(un_status="observer").values_list("iso3", flat=True)) == {
        "PSE", "VAT"}


def test_untc_import_on_an_empty_database_loads_the_reference_data_first(db):
    from io import StringIO

    from treaties.models import Convention

    assert not State.objects.exists() and not Convention.objects.exists()
    out = StringIO()
    call_command("import_memberships", untc=True, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == ("No States or conventions yet: loaded the reference data first "
                        "(manage.py load_reference_data).")
    assert lines[-1] == "613 rows: 613 created, 0 updated, 0 unchanged"
    assert Membership.objects.count() == 613
    assert State.objects.count() == 197
    # the second run finds them and says nothing about them
    out = StringIO()
    call_command("import_memberships", untc=True, stdout=out)
    assert out.getvalue().splitlines() == ["613 rows: 0 created, 0 updated, 613 unchanged"]
