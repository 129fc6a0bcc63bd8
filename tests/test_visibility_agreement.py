"""Each visibility rule has an object check (rules.can_view_*) and a list queryset
(selectors.*_for_user). On generated data — every status, two States, two conventions (and a
protocol), with and without the flags that widen the audience — both must give the same answer
for every role: anonymous, the delegate and focal point of State A, the focal point of State B,
ISU staff of one convention and of another, host staff, a user without roles, an
administrator. (Extension requests: tests/reporting/test_extension_visibility.py; staffing:
tests/staffing/test_cross_isu.py. Meeting registrations have no per-object check: every page
and the API read them through selectors.registrations_for_user alone.)"""

import datetime
import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from accounts.enums import Role
from reporting import rules as reporting_rules
from reporting import selectors as reporting_selectors
from reporting.enums import ReportStatus
from reporting.models import Report
from sponsorship import rules as sponsorship_rules
from sponsorship import selectors as sponsorship_selectors
from sponsorship.enums import ApplicationStatus
from sponsorship.models import Application
from tests.factories import make_user
from tests.factories.meetings import MeetingFactory
from tests.factories.reporting import join, load_real_obligations
from tests.factories.sponsorship import ProgrammeFactory, make_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def roles(conventions, state_a, state_b, focal_a, delegate_a, focal_b, ccm_staff,
          apmbc_staff, host_staff, admin_user):
    ccw_staff = make_user(Role.ISU_STAFF, convention=conventions["CCW"], username="ccw.staff")
    return {"anonymous": AnonymousUser(), "delegate A": delegate_a, "focal A": focal_a,
            "focal B": focal_b, "CCM staff": ccm_staff, "APMBC staff": apmbc_staff,
            "CCW staff": ccw_staff, "host": host_staff, "nobody": make_user(None),
            "admin": admin_user}


def assert_agree(roles, objects, listed_for, check):
    assert objects, "the generated data is empty"
    for name, user in roles.items():
        listed = set(listed_for(user).values_list("pk", flat=True))
        checked = {o.pk for o in objects if check(user, o)}
        assert listed == checked, name


def test_reports(roles, conventions, state_a, state_b):
    obligations = load_real_obligations()
    # State A is a party to CCM and CCW Protocol V; State B to CCM only, and it withdrew
    # from APMBC: restricted reports are for today's parties of the report's own instrument.
    join(state_a, conventions["CCM"], datetime.date(2011, 3, 1))
    join(state_a, conventions["CCW-P5"], datetime.date(2008, 4, 1))
    join(state_b, conventions["CCM"], datetime.date(2012, 3, 1))
    join(state_b, conventions["APMBC"], datetime.date(2000, 3, 1),
         withdrawal=datetime.date(2020, 3, 1))
    codes = ["ccm-art7-annual", "ccw-p5-art10",
             next(c for c in obligations if c.startswith("apmbc"))]
    cases = itertools.product((state_a, state_b), codes, ReportStatus.values, (False, True))
    for year, (state, code, status, shared) in enumerate(cases, start=1900):
        Report.objects.create(
            state=state, obligation=obligations[code], cycle_year=year, status=status,
            shared_with_isu=shared, period_start=datetime.date(year, 1, 1),
            period_end=datetime.date(year, 12, 31),
            submitted_at=None if status == ReportStatus.DRAFT else timezone.now())
    everything = list(Report.objects.select_related("obligation__convention"))
    assert len(everything) == 2 * 3 * len(ReportStatus.values) * 2
    assert_agree(roles, everything, reporting_selectors.reports_for_user,
                 reporting_rules.can_view_report)


def test_sponsorship_applications(roles, conventions, state_a, state_b):
    programmes = {code: ProgrammeFactory(convention=conventions[code])
                  for code in ("CCM", "APMBC", "CCW")}
    meetings = {code: MeetingFactory(conventions=[conventions[code]]) for code in programmes}
    asks = [["CCM"], ["APMBC"], ["CCM", "APMBC"], ["CCW"]]
    for state, status, codes in itertools.product((state_a, state_b),
                                                  ApplicationStatus.values, asks):
        make_application(state=state, status=status,
                         meetings=[(meetings[c], programmes[c]) for c in codes])
    everything = list(Application.objects.prefetch_related("meeting_lines__programme"))
    assert_agree(roles, everything, sponsorship_selectors.applications_for_user,
                 sponsorship_rules.can_view_application)
