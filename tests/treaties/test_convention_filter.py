"""`?convention=` is one filter (treaties.filters.ConventionScopeFilter) on every list: a code in
any case means that convention and its protocols, `&protocols=false` the instrument alone, and an
unknown code is a 400 with a field error in the API and a form error on the pages."""

import datetime
from decimal import Decimal

import pytest

from accounts.enums import Role
from reporting.models import Obligation, Report
from sponsorship.models import Application, CostShare, Nominee, Trip
from tests.factories import ISUFactory, MembershipFactory, StateFactory, make_user
from tests.factories.meetings import MeetingFactory
from tests.factories.reporting import load_real_obligations, make_extension
from tests.factories.sponsorship import ContributionFactory, ProgrammeFactory, make_application
from tests.factories.sponsorship import MeetingFactory as SponsoredMeetingFactory
from tests.factories.staffing import AssignmentFactory, PostFactory, StaffMemberFactory
from treaties.models import ISUBudget

D = datetime.date
# The instruments each row belongs to: a convention, another one, and a protocol of the first.
CODES = ("CCM", "CCW", "CCW-APII")


def _isu(convention):
    from treaties.models import ISU

    return ISU.objects.filter(convention=convention).first() or ISUFactory(convention=convention)


def meetings(c):
    return {MeetingFactory(conventions=[c]).pk}


def obligations(c):
    if not Obligation.objects.exists():
        load_real_obligations()
    return set(Obligation.objects.filter(convention=c).values_list("code", flat=True))


def reports(c):
    obligation = Obligation.objects.get(code=min(obligations(c)))
    return {Report.objects.create(state=StateFactory(), obligation=obligation, cycle_year=2025,
                                  period_start=D(2024, 1, 1), period_end=D(2024, 12, 31)).pk}


def extension_requests(c):
    return {make_extension(StateFactory(), c).pk}


def applications(c):
    meeting = SponsoredMeetingFactory(conventions=[c])
    return {make_application(meetings=[(meeting, ProgrammeFactory(convention=c))]).pk}


def trips(c):
    application = Application.objects.get(pk=applications(c).pop())
    nominee = Nominee.objects.filter(application=application).first()
    trip = Trip.objects.create(application=application, nominee=nominee, city="Geneva",
                               arrival=D(2025, 6, 15), departure=D(2025, 6, 19),
                               airfare=Decimal("0.00"))
    zero = Decimal("0.00")
    CostShare.objects.create(trip=trip, programme=ProgrammeFactory(convention=c),
                             airfare=zero, terminal_expenses=zero, dsa=zero, nights=0,
                             amount=zero, separate_cost=zero)
    return {trip.pk}


def contributions(c):
    return {ContributionFactory(programme=ProgrammeFactory(convention=c)).pk}


def posts(c):
    return {PostFactory(isu=_isu(c)).pk}


def staff(c):
    return {StaffMemberFactory(home_isu=_isu(c)).pk}


def assignments(c):
    return {AssignmentFactory(post=PostFactory(isu=_isu(c))).pk}


def memberships(c):
    return {MembershipFactory(convention=c).pk}


def isu_budgets(c):
    return {ISUBudget.objects.create(isu=_isu(c), year=2025, amount=Decimal("1000.00"),
                                     currency="CHF").pk}


def people(c):
    return {make_user(Role.ISU_STAFF, convention=c).pk}


ENDPOINTS = [
    ("/api/v1/meetings/", meetings),
    ("/api/v1/reporting/obligations/", obligations),
    ("/api/v1/reporting/reports/", reports),
    ("/api/v1/reporting/extension-requests/", extension_requests),
    ("/api/v1/sponsorship/applications/", applications),
    ("/api/v1/sponsorship/trips/", trips),
    ("/api/v1/sponsorship/contributions/", contributions),
    ("/api/v1/staffing/posts/", posts),
    ("/api/v1/staffing/staff/", staff),
    ("/api/v1/staffing/assignments/", assignments),
    ("/api/v1/memberships/", memberships),
    ("/api/v1/isu-budgets/", isu_budgets),
    ("/api/v1/people/", people),
]


def _ids(client, url, query=""):
    response = client.get(f"{url}?page_size=100&{query}")
    assert response.status_code == 200, response.content
    return {row.get("id", row.get("code")) for row in response.json()["results"]}


@pytest.mark.parametrize(("url", "make"), ENDPOINTS, ids=[u for u, _ in ENDPOINTS])
def test_convention_means_the_instrument_and_its_protocols_on_every_list(
        url, make, api_as, conventions, admin_user):
    rows = {code: make(conventions[code]) for code in CODES}
    client = api_as(admin_user)
    everything = _ids(client, url)
    assert set().union(*rows.values()) <= everything

    def listed(query):
        return _ids(client, url, query) & set().union(*rows.values())

    assert listed("convention=ccw") == rows["CCW"] | rows["CCW-APII"]  # any case
    assert listed("convention=CCW&protocols=true") == rows["CCW"] | rows["CCW-APII"]
    assert listed("convention=CCW&protocols=false") == rows["CCW"]
    assert listed("convention=CCW-APII") == rows["CCW-APII"]
    assert listed("convention=CCM") == rows["CCM"]


@pytest.mark.parametrize(("url", "make"), ENDPOINTS, ids=[u for u, _ in ENDPOINTS])
def test_an_unknown_convention_code_is_a_400_with_a_field_error(url, make, api_as, conventions,
                                                              admin_user):
    make(conventions["CCM"])
    response = api_as(admin_user).get(url, {"convention": "NOPE"})
    assert response.status_code == 400
    body = response.json()
    assert body["fields"] == {"convention": ["Unknown convention code: NOPE."]}


@pytest.mark.parametrize("url", [
    "/meetings/?view=list&convention=NOPE",
    "/reporting/?convention=NOPE",
    "/reporting/extensions/?convention=NOPE",
    "/sponsorship/?convention=NOPE",
    "/sponsorship/trips/?convention=NOPE",
    "/staffing/?convention=NOPE",
])
def test_pages_show_an_unknown_convention_as_a_form_error_and_no_rows(
        url, client, conventions, admin_user):
    meeting = MeetingFactory(conventions=[conventions["CCM"]], title="Listed nowhere")
    client.force_login(admin_user)
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Unknown convention code: NOPE." in page
    assert meeting.title not in page


def test_page_filter_by_convention_includes_its_protocols(client, conventions, admin_user):
    MeetingFactory(conventions=[conventions["CCW"]], title="CCW meeting")
    MeetingFactory(conventions=[conventions["CCW-APII"]], title="APII meeting")
    MeetingFactory(conventions=[conventions["CCM"]], title="CCM meeting")
    client.force_login(admin_user)
    page = client.get("/meetings/?view=list&convention=ccw").content.decode()
    assert "CCW meeting" in page and "APII meeting" in page and "CCM meeting" not in page
    alone = client.get("/meetings/?view=list&convention=CCW&protocols=false").content.decode()
    assert "CCW meeting" in alone and "APII meeting" not in alone
