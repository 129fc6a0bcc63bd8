"""Issue 9.1: another unit's person. A CCM post holding an APMBC person for two days must not
open the person's APMBC salary, record or costs to the CCM ISU; only the person's home unit (or
the host) consents, and only what is charged to the CCM ISU becomes visible to it."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.services import system_actor as system
from core.models import AuditEntry
from staffing import rules, selectors, services
from staffing.enums import AssignmentStatus
from staffing.models import Assignment, StaffCost, StaffMember
from tests.factories.staffing import PostFactory, StaffMemberFactory

D = Decimal
pytestmark = pytest.mark.django_db
d = datetime.date


@pytest.fixture
def ana(isus):
    """Ana: APMBC-based, 0.5 FTE on an APMBC post since 2015, with her 2024-2026 costs."""
    person = StaffMemberFactory(full_name="Ana Apmbc", home_isu=isus["APMBC"],
                                email="ana@apmbc.example")
    services.assignment_create(actor=system(), staff_member=person,
                               post=PostFactory(isu=isus["APMBC"]), fte=D("0.5"),
                               starts_on=d(2015, 1, 1))
    for year in (2024, 2025, 2026):
        services.staff_cost_set(actor=system(), staff_member=person, year=year,
                                salary=D("120000.00") + year, social_charges=D("30000.00"))
    return person


@pytest.fixture
def ccm_post(isus):
    return PostFactory(isu=isus["CCM"], title="Land Release Specialist",
                       approved_from=d(2015, 1, 1))


def _costs(ana):
    return sorted(StaffCost.objects.filter(staff_member=ana)
                  .values_list("year", "salary", "social_charges", "currency"))


def _record(person):
    person = StaffMember.objects.get(pk=person.pk)
    return (person.full_name, person.email, person.home_isu_id, person.expertise)


def _request(api_as, user, person, post_pk):
    """`user` puts `person` on a post for two days in March 2026."""
    body = {"staff_member": person.pk, "post": post_pk, "fte": "0.5",
            "starts_on": "2026-03-02", "ends_on": "2026-03-03"}
    response = api_as(user).post("/api/v1/staffing/assignments/", body, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def _attack(api_as, ccm_staff, ana):
    """What the CCM ISU tried: read, overwrite the salary, take the person over."""
    client = api_as(ccm_staff)
    costs_before, record_before = _costs(ana), _record(ana)
    posted = client.post(f"/api/v1/staffing/staff/{ana.pk}/cost/", {
        "year": 2026, "salary": "1.00", "social_charges": "0.00"}, format="json")
    patched = client.patch(f"/api/v1/staffing/staff/{ana.pk}/", {
        "home_isu": "CCM", "email": "ana@ccm.example"}, format="json")
    assert (posted.status_code, patched.status_code) == (403, 403)
    assert _costs(ana) == costs_before
    assert _record(ana) == record_before
    assert not AuditEntry.objects.filter(actor=ccm_staff, action__in=[
        "staffing.staff_cost.set", "staffing.staff_member.changed"]).exists()


def _visible_years(api_as, user, person):
    response = api_as(user).get(f"/api/v1/staffing/staff/{person.pk}/")
    assert response.status_code == 200
    return [c["year"] for c in response.json()["costs"]]


def test_a_request_for_another_units_person_grants_nothing(api_as, isus, ccm_staff, ana):
    created = api_as(ccm_staff).post("/api/v1/staffing/posts/", {
        "isu": "CCM", "title": "Director", "grade": "P-5", "fte": "1",
        "approved_from": "2026-01-01"}, format="json")
    assert created.status_code == 201
    body = _request(api_as, ccm_staff, ana, created.json()["id"])
    assert body["status"] == "pending"
    assignment = Assignment.objects.get(pk=body["id"])
    assert AuditEntry.objects.get(action="staffing.assignment.created", actor=ccm_staff,
                                  object_id=str(assignment.pk)).changes["status"] == \
        [None, "pending"]
    assert _visible_years(api_as, ccm_staff, ana) == []
    listing = api_as(ccm_staff).get("/api/v1/staffing/staff/").content.decode()
    assert "120000" not in listing and "122026" not in listing
    _attack(api_as, ccm_staff, ana)
    # it counts for nothing: no FTE on those days, no person in the CCM cost summary
    fte = api_as(ccm_staff).get("/api/v1/staffing/isus/CCM/fte/?on=2026-03-02").json()
    assert fte["fte_on"] == "0.0000"
    summary = api_as(ccm_staff).get("/api/v1/staffing/isus/CCM/costs/?year=2026").json()
    assert (summary["people"], summary["staff_cost"]) == ([], "0.00")


def test_consent_opens_only_the_years_charged_and_never_the_record(api_as, isus, ccm_staff,
                                                                   apmbc_staff, ana, ccm_post):
    body = _request(api_as, ccm_staff, ana, ccm_post.pk)
    url = f"/api/v1/staffing/assignments/{body['id']}/"
    # the requesting unit cannot consent for the person's unit
    assert api_as(ccm_staff).post(url + "consent/", {}, format="json").status_code == 403
    assert Assignment.objects.get(pk=body["id"]).status == AssignmentStatus.PENDING
    response = api_as(apmbc_staff).post(url + "consent/", {"note": "two days, agreed"},
                                        format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "consented"
    entry = AuditEntry.objects.get(action="staffing.assignment.consented", actor=apmbc_staff)
    assert entry.changes == {"status": ["pending", "consented"],
                             "note": [None, "two days, agreed"]}
    # CCM now sees what it is charged for (2026), not Ana's other years
    assert _visible_years(api_as, ccm_staff, ana) == [2026]
    assert _visible_years(api_as, apmbc_staff, ana) == [2026, 2025, 2024]
    _attack(api_as, ccm_staff, ana)
    fte = api_as(ccm_staff).get("/api/v1/staffing/isus/CCM/fte/?on=2026-03-02").json()
    assert fte["fte_on"] == "0.5000"
    # twice is refused: it no longer awaits consent
    again = api_as(apmbc_staff).post(url + "consent/", {}, format="json")
    assert again.status_code == 400 and list(again.json()["fields"]) == ["status"]


def test_a_past_assignment_opens_only_its_own_years(api_as, isus, ccm_staff, ana, ccm_post):
    assignment = services.assignment_create(actor=system(), staff_member=ana, post=ccm_post,
                                            fte=D("0.5"), starts_on=d(2024, 6, 1),
                                            ends_on=d(2024, 6, 30))
    assert assignment.status == AssignmentStatus.CONSENTED  # the system owns everyone
    assert _visible_years(api_as, ccm_staff, ana) == [2024]
    assert [c.year for c in selectors.staff_costs_for_user(ccm_staff)] == [2024]
    _attack(api_as, ccm_staff, ana)


def test_asking_for_more_than_was_consented_needs_consent_again(api_as, isus, ccm_staff,
                                                                apmbc_staff, ana, ccm_post):
    body = _request(api_as, ccm_staff, ana, ccm_post.pk)
    url = f"/api/v1/staffing/assignments/{body['id']}/"
    assert api_as(apmbc_staff).post(url + "consent/", {}, format="json").status_code == 200
    # ending sooner or noting something asks nothing more
    response = api_as(ccm_staff).patch(url, {"notes": "mission", "ends_on": "2026-03-02"},
                                       format="json")
    assert response.status_code == 200 and response.json()["status"] == "consented"
    # open-ended: the whole future would be charged, so it waits for APMBC again
    response = api_as(ccm_staff).patch(url, {"ends_on": None}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "pending"
    assert _visible_years(api_as, ccm_staff, ana) == []
    _attack(api_as, ccm_staff, ana)


def test_declined_requests_stay_declined(api_as, isus, ccm_staff, apmbc_staff, host_staff, ana,
                                         ccm_post):
    body = _request(api_as, ccm_staff, ana, ccm_post.pk)
    url = f"/api/v1/staffing/assignments/{body['id']}/"
    response = api_as(apmbc_staff).post(url + "decline/", {"note": "not this month"},
                                        format="json")
    assert response.status_code == 200 and response.json()["status"] == "declined"
    assert AuditEntry.objects.filter(action="staffing.assignment.declined",
                                     actor=apmbc_staff).count() == 1
    late = api_as(host_staff).post(url + "consent/", {}, format="json")
    assert late.status_code == 400 and list(late.json()["fields"]) == ["status"]
    changed = api_as(ccm_staff).patch(url, {"fte": "0.4"}, format="json")
    assert changed.status_code == 400
    assignment = Assignment.objects.get(pk=body["id"])
    assert (assignment.status, assignment.fte) == (AssignmentStatus.DECLINED, D("0.5000"))
    assert _visible_years(api_as, ccm_staff, ana) == []


def test_the_host_consents_too_and_consent_rechecks_one_fte(api_as, isus, ccm_staff,
                                                            host_staff, ana, ccm_post):
    first = _request(api_as, ccm_staff, ana, ccm_post.pk)
    other_post = PostFactory(isu=isus["CCM"], approved_from=d(2015, 1, 1))
    second = _request(api_as, ccm_staff, ana, other_post.pk)  # pending ones hold nothing yet
    api = api_as(host_staff)
    ok = api.post(f"/api/v1/staffing/assignments/{first['id']}/consent/", {}, format="json")
    assert ok.status_code == 200 and ok.json()["status"] == "consented"
    refused = api.post(f"/api/v1/staffing/assignments/{second['id']}/consent/", {},
                       format="json")
    assert refused.status_code == 400
    assert "1 FTE" in refused.json()["fields"]["fte"][0]
    assert Assignment.objects.get(pk=second["id"]).status == AssignmentStatus.PENDING


def test_own_units_person_is_assigned_at_once_and_the_owner_keeps_the_record(
        api_as, isus, ccm_staff, apmbc_staff, host_staff, ana):
    colleague = StaffMemberFactory(home_isu=isus["APMBC"])
    body = _request(api_as, apmbc_staff, colleague, PostFactory(isu=isus["APMBC"]).pk)
    assert body["status"] == "consented"
    for owner, email in ((apmbc_staff, "ana@new.example"), (host_staff, "ana@gichd.example")):
        response = api_as(owner).patch(f"/api/v1/staffing/staff/{ana.pk}/", {"email": email},
                                       format="json")
        assert response.status_code == 200, response.json()
        assert StaffMember.objects.get(pk=ana.pk).email == email
        response = api_as(owner).post(f"/api/v1/staffing/staff/{ana.pk}/cost/", {
            "year": 2026, "salary": "130000.00", "social_charges": "31000.00"}, format="json")
        assert response.status_code == 200, response.json()
    assert StaffCost.objects.get(staff_member=ana, year=2026).salary == D("130000.00")


def test_awaiting_my_consent_lists_what_each_may_decide(api_as, isus, ccm_staff, apmbc_staff,
                                                        ana, ccm_post):
    body = _request(api_as, ccm_staff, ana, ccm_post.pk)
    for user, expected in ((apmbc_staff, [body["id"]]), (ccm_staff, [])):
        response = api_as(user).get("/api/v1/staffing/assignments/?awaiting_my_consent=true")
        assert [a["id"] for a in response.json()["results"]] == expected
    pending = api_as(ccm_staff).get("/api/v1/staffing/assignments/?status=pending").json()
    assert [a["id"] for a in pending["results"]] == [body["id"]]


def test_the_rules_predicates_agree_with_their_lists(isus, ccm_staff, apmbc_staff, host_staff,
                                                     delegate_a, admin_user, ana, ccm_post):
    services.assignment_create(actor=ccm_staff, staff_member=ana, post=ccm_post, fte=D("0.5"),
                               starts_on=d(2025, 12, 1), ends_on=d(2025, 12, 31))
    services.assignment_create(actor=system(), staff_member=ana, post=ccm_post, fte=D("0.5"),
                               starts_on=d(2024, 12, 1), ends_on=d(2024, 12, 31))
    other = StaffMemberFactory(home_isu=isus["CCM"])
    services.staff_cost_set(actor=system(), staff_member=other, year=2025, salary=D("1"),
                            social_charges=D("1"))
    costs = list(StaffCost.objects.all())
    pending = Assignment.objects.get(status=AssignmentStatus.PENDING)
    for user in (ccm_staff, apmbc_staff, host_staff, delegate_a, admin_user):
        listed = set(selectors.staff_costs_for_user(user))
        assert listed == {c for c in costs if rules.can_view_staff_cost(user, c)}
        managed = set(selectors.people_managed_by(user))
        assert managed == {p for p in (ana, other) if rules.can_manage_person(user, p)}
        assert rules.can_decide_assignment(user, pending) == (user in (apmbc_staff, host_staff,
                                                                       admin_user))
    assert {(c.staff_member_id, c.year) for c in selectors.staff_costs_for_user(ccm_staff)} \
        == {(ana.pk, 2024), (other.pk, 2025)}


def test_pages_refuse_the_same(client, isus, ccm_staff, apmbc_staff, ana, ccm_post):
    pending = services.assignment_create(actor=ccm_staff, staff_member=ana, post=ccm_post,
                                         fte=D("0.5"), starts_on=d(2026, 3, 2),
                                         ends_on=d(2026, 3, 3))
    services.assignment_consent(actor=apmbc_staff, assignment=pending)
    costs_before = _costs(ana)
    client.force_login(ccm_staff)
    # CCM's salary form does not offer Ana, even charged to CCM in 2026
    page = client.post("/staffing/isus/CCM/salaries/add/", {
        "staff_member": ana.pk, "year": 2026, "salary": "1", "social_charges": "0",
        "currency": "CHF"})
    assert page.status_code == 200
    assert "staff_member" in page.context["form"].errors
    assert client.get("/staffing/isus/APMBC/salaries/add/").status_code == 403
    assert _costs(ana) == costs_before
    # the consent buttons are the person's unit's
    request = services.assignment_create(actor=ccm_staff, staff_member=ana, post=ccm_post,
                                         fte=D("0.5"), starts_on=d(2026, 4, 1),
                                         ends_on=d(2026, 4, 2))
    ccm_team = client.get("/staffing/isus/CCM/").content.decode()
    assert "Ana Apmbc" in ccm_team and 'action="/staffing/assignments/' not in ccm_team
    assert client.post(f"/staffing/assignments/{request.pk}/consent/").status_code == 403
    assert Assignment.objects.get(pk=request.pk).status == AssignmentStatus.PENDING
    assert "awaiting your consent" not in client.get("/").content.decode()
    client.force_login(apmbc_staff)
    assert "1 assignment awaiting your consent" in client.get("/").content.decode()
    team = client.get("/staffing/isus/APMBC/").content.decode()
    assert f'action="/staffing/assignments/{request.pk}/consent/"' in team
    response = client.post(f"/staffing/assignments/{request.pk}/decline/")
    assert response.status_code == 302 and response["Location"] == "/staffing/isus/APMBC/"
    assert Assignment.objects.get(pk=request.pk).status == AssignmentStatus.DECLINED


ASSIGNMENTS = st.lists(st.tuples(
    st.sampled_from(["CCM", "APMBC"]), st.sampled_from(AssignmentStatus.values),
    st.dates(min_value=d(2022, 1, 1), max_value=d(2027, 12, 31)),
    st.one_of(st.none(), st.integers(min_value=0, max_value=800))), max_size=4)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(home=st.sampled_from([None, "CCM", "APMBC"]), assignments=ASSIGNMENTS)
def test_a_units_cost_summary_and_the_cost_rule_agree(isus, ccm_staff, apmbc_staff, home,
                                                      assignments):
    """For every arrangement: a unit's staff see a person's cost of a year exactly when the
    person is based in the unit or appears in the unit's cost summary of that year."""
    Assignment.objects.all().delete()
    StaffCost.objects.all().delete()
    person = StaffMemberFactory(home_isu=isus[home] if home else None)
    posts = {code: PostFactory(isu=isus[code], approved_from=d(2015, 1, 1))
             for code in ("CCM", "APMBC")}
    for code, status, starts_on, days in assignments:
        Assignment.objects.create(
            staff_member=person, post=posts[code], fte=D("0.1"), status=status,
            starts_on=starts_on,
            ends_on=None if days is None else starts_on + datetime.timedelta(days=days))
    years = range(2021, 2029)
    for year in years:
        StaffCost.objects.create(staff_member=person, year=year, salary=D("100"),
                                 social_charges=D("0"))
    for user, code in ((ccm_staff, "CCM"), (apmbc_staff, "APMBC")):
        visible = {c.year for c in selectors.staff_costs_for_user(user)}
        summarised = {year for year in years if any(
            line.person.pk == person.pk
            for line in selectors.isu_cost_summary(isus[code], year).people)}
        assert visible == (set(years) if home == code else summarised)


def test_the_services_themselves_ask_the_rules(isus, ccm_staff, apmbc_staff, ana, ccm_post):
    """Whatever the caller (page, API, admin, task): the service is the door that refuses."""
    from django.core.exceptions import PermissionDenied

    from treaties.models import ISUBudget
    from treaties.services import isu_budget_create

    refused = [
        lambda: services.staff_cost_set(actor=ccm_staff, staff_member=ana, year=2026,
                                        salary=D("1"), social_charges=D("0")),
        lambda: services.staff_member_update(actor=ccm_staff, staff_member=ana,
                                             home_isu=isus["CCM"]),
        lambda: services.staff_member_create(actor=ccm_staff, full_name="Nobody's",
                                             home_isu=None),
        lambda: services.post_create(actor=apmbc_staff, isu=isus["CCM"], title="T",
                                     grade="P-2", fte=D("1"), approved_from=d(2026, 1, 1)),
        lambda: services.assignment_create(actor=apmbc_staff, staff_member=ana, post=ccm_post,
                                           fte=D("0.1"), starts_on=d(2026, 1, 1)),
        lambda: services.spending_set(actor=apmbc_staff, isu=isus["CCM"], year=2026,
                                      category="travel", amount=D("1")),
        lambda: services.duty_create(actor=apmbc_staff, isu=isus["CCM"], name="Reports",
                                     holder=ana),
        lambda: isu_budget_create(actor=apmbc_staff, isu=isus["CCM"], year=2026,
                                  amount=D("1")),
        lambda: services.assignment_create(actor=None, staff_member=ana, post=ccm_post,
                                           fte=D("0.1"), starts_on=d(2026, 1, 1)),
    ]
    costs, record = _costs(ana), _record(ana)
    for call in refused:
        with pytest.raises(PermissionDenied):
            call()
    assert (_costs(ana), _record(ana)) == (costs, record)
    assert not Assignment.objects.filter(post=ccm_post).exists()
    assert not StaffMember.objects.filter(full_name="Nobody's").exists()
    assert not ISUBudget.objects.exists()
