import datetime
from decimal import Decimal

import pytest

from accounts.services import system_actor as system
from core.models import AuditEntry
from staffing import services
from staffing.models import Assignment, Post, Spending, StaffCost
from tests.factories.staffing import AssignmentFactory, PostFactory, StaffMemberFactory

D = Decimal
pytestmark = pytest.mark.django_db


def test_posts_are_created_by_the_isus_own_staff_only(api_as, isus, ccm_staff, apmbc_staff,
                                                      delegate_a):
    body = {"isu": "CCM", "title": "Director", "grade": "P-5", "fte": "1",
            "approved_from": "2016-01-01", "work_plan": "2016–2020"}
    for outsider in (apmbc_staff, delegate_a):
        response = api_as(outsider).post("/api/v1/staffing/posts/", body, format="json")
        assert response.status_code == 403
    assert not Post.objects.exists()
    response = api_as(ccm_staff).post("/api/v1/staffing/posts/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["isu"] == "CCM"
    post = Post.objects.get()
    assert AuditEntry.objects.filter(action="staffing.post.created", actor=ccm_staff,
                                     object_id=str(post.pk)).exists()
    bad = api_as(ccm_staff).post("/api/v1/staffing/posts/", {**body, "fte": "1.5",
                                 "approved_until": "2010-01-01"}, format="json")
    assert bad.status_code == 400
    assert set(bad.json()["fields"]) >= {"fte"}
    assert Post.objects.count() == 1


def test_over_allocation_is_refused_by_the_api(api_as, shared_expert, isus, ccm_staff):
    extra = PostFactory(isu=isus["CCM"], approved_from=datetime.date(2015, 1, 1))
    response = api_as(ccm_staff).post("/api/v1/staffing/assignments/", {
        "staff_member": shared_expert.pk, "post": extra.pk, "fte": "0.2",
        "starts_on": "2018-01-01"}, format="json")
    assert response.status_code == 400
    assert "1 FTE" in response.json()["fields"]["fte"][0]
    assert not Assignment.objects.filter(post=extra).exists()


def test_assignment_create_and_end_through_the_api(api_as, isus, ccm_staff, ccm_post):
    person = StaffMemberFactory()
    api = api_as(ccm_staff)
    response = api.post("/api/v1/staffing/assignments/", {
        "staff_member": person.pk, "post": ccm_post.pk, "kind": "consulting",
        "charge_unit": "hours", "charged_per_year": "352", "starts_on": "2017-01-01"},
        format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["fte"] == "0.2000"
    pk = response.json()["id"]
    response = api.post(f"/api/v1/staffing/assignments/{pk}/end/", {"ends_on": "2016-01-01"},
                        format="json")
    assert response.status_code == 400  # before it starts
    response = api.post(f"/api/v1/staffing/assignments/{pk}/end/", {"ends_on": "2017-12-31"},
                        format="json")
    assert response.status_code == 200
    assert Assignment.objects.get(pk=pk).ends_on == datetime.date(2017, 12, 31)


def test_other_isus_staff_cannot_assign_or_end(api_as, shared_expert, isus, apmbc_staff):
    ccm_assignment = Assignment.objects.get(staff_member=shared_expert, post__isu=isus["CCM"])
    api = api_as(apmbc_staff)
    response = api.post(f"/api/v1/staffing/assignments/{ccm_assignment.pk}/end/",
                        {"ends_on": "2017-12-31"}, format="json")
    assert response.status_code == 403
    response = api.patch(f"/api/v1/staffing/assignments/{ccm_assignment.pk}/",
                         {"fte": "0.1"}, format="json")
    assert response.status_code == 403
    ccm_assignment.refresh_from_db()
    assert ccm_assignment.ends_on is None and ccm_assignment.fte == D("0.4")


def _costs_of(response, pk):
    return next(p for p in response.json()["results"] if p["id"] == pk)["costs"]


def test_salaries_are_hidden_from_other_isus_and_delegates(api_as, isus, ccm_staff, apmbc_staff,
                                                           host_staff, delegate_a, admin_user):
    person = StaffMemberFactory(full_name="Only CCM")
    AssignmentFactory(staff_member=person, post=PostFactory(isu=isus["CCM"]))
    services.staff_cost_set(actor=system(), staff_member=person, year=2016, salary=D("99999"),
                            social_charges=D("1"))
    for reader in (ccm_staff, host_staff, admin_user):
        response = api_as(reader).get("/api/v1/staffing/staff/")
        assert _costs_of(response, person.pk)[0]["salary"] == "99999.00"
    for outsider in (apmbc_staff, delegate_a):
        listing = api_as(outsider).get("/api/v1/staffing/staff/")
        assert _costs_of(listing, person.pk) == []
        assert "99999" not in listing.content.decode()
        detail = api_as(outsider).get(f"/api/v1/staffing/staff/{person.pk}/")
        assert detail.json()["costs"] == [] and "99999" not in detail.content.decode()
        changed = api_as(outsider).post(f"/api/v1/staffing/staff/{person.pk}/cost/",
                                        {"year": 2016, "salary": "1", "social_charges": "1"},
                                        format="json")
        assert changed.status_code == 403
    assert StaffCost.objects.get().salary == D("99999")
    assert api_as(None).get("/api/v1/staffing/staff/").status_code in (401, 403)


def test_shared_persons_salary_is_seen_by_both_isus(api_as, shared_expert, ccm_staff,
                                                    apmbc_staff):
    for reader in (ccm_staff, apmbc_staff):
        detail = api_as(reader).get(f"/api/v1/staffing/staff/{shared_expert.pk}/")
        assert detail.json()["costs"][0]["total"] == "150000.01"


def test_cost_endpoint_gives_the_split_and_refuses_outsiders(api_as, shared_expert, isus,
                                                             ccm_staff, apmbc_staff, host_staff,
                                                             delegate_a):
    services.spending_set(actor=system(), isu=isus["CCM"], year=2016, category="travel",
                          amount=D("10000"))
    for reader in (ccm_staff, host_staff):
        response = api_as(reader).get("/api/v1/staffing/isus/ccm/costs/?year=2016")
        assert response.status_code == 200
        body = response.json()
        assert body["staff_cost"] == "60000.00"
        assert body["spending"] == {"travel": "10000.00"}
        assert body["people"][0]["shared_with"] == ["APMBC"]
    for outsider in (delegate_a,):
        response = api_as(outsider).get("/api/v1/staffing/isus/ccm/costs/?year=2016")
        assert response.status_code == 403
        assert "60000" not in response.content.decode()
    ccw_response = api_as(apmbc_staff).get("/api/v1/staffing/isus/CCW/costs/?year=2016")
    assert ccw_response.status_code == 403
    missing_year = api_as(ccm_staff).get("/api/v1/staffing/isus/CCM/costs/")
    assert missing_year.status_code == 400 and "year" in missing_year.json()["fields"]
    assert api_as(ccm_staff).get("/api/v1/staffing/isus/XYZ/costs/?year=2016").status_code == 404


def test_spending_is_recorded_by_finance_readers_only(api_as, isus, apmbc_staff, host_staff):
    body = {"year": 2016, "category": "meetings", "amount": "29105"}
    assert api_as(apmbc_staff).post("/api/v1/staffing/isus/CCM/spending/", body,
                                    format="json").status_code == 403
    assert not Spending.objects.exists()
    assert api_as(host_staff).post("/api/v1/staffing/isus/CCM/spending/", {
        **body, "amount": "-1"}, format="json").status_code == 400
    response = api_as(host_staff).post("/api/v1/staffing/isus/CCM/spending/", body,
                                       format="json")
    assert response.status_code == 201
    assert Spending.objects.get().amount == D("29105")
    assert AuditEntry.objects.filter(action="staffing.spending.set", actor=host_staff).exists()


@pytest.mark.parametrize("size, queries", [(1, 2), (3, 2)])
def test_assignment_list_queries(api_as, isus, ccm_staff, size, queries,
                                 django_assert_num_queries):
    for _ in range(size):
        AssignmentFactory(post=PostFactory(isu=isus["CCM"]))
    api = api_as(ccm_staff)
    with django_assert_num_queries(queries):
        response = api.get("/api/v1/staffing/assignments/")
    assert response.json()["count"] == size


@pytest.mark.parametrize("size", [1, 3])
def test_post_list_queries(api_as, isus, ccm_staff, size, django_assert_num_queries):
    for _ in range(size):
        AssignmentFactory(post=PostFactory(isu=isus["CCM"]))
    api = api_as(ccm_staff)
    with django_assert_num_queries(3):
        response = api.get("/api/v1/staffing/posts/")
    assert response.json()["count"] == size


@pytest.mark.parametrize("size", [1, 3])
def test_staff_list_queries(api_as, isus, ccm_staff, size, django_assert_num_queries):
    for _ in range(size):
        person = AssignmentFactory(post=PostFactory(isu=isus["CCM"])).staff_member
        services.staff_cost_set(actor=system(), staff_member=person, year=2016, salary=D("1"),
                                social_charges=D("1"))
    api = api_as(ccm_staff)
    with django_assert_num_queries(5):
        response = api.get("/api/v1/staffing/staff/")
    assert response.json()["count"] == size


def test_fte_endpoint_gives_the_reports_figures(api_as, isus, delegate_a):
    from staffing import demo

    demo.load(log=lambda message: None)
    for code, average in (("CCM", "2.50"), ("APMBC", "2.60")):
        body = api_as(delegate_a).get(
            f"/api/v1/staffing/isus/{code}/fte/?on=2017-06-01&year=2017").json()
        assert body["average_fte"] == average
        assert body["fte_on"] == average + "00"
    bad = api_as(delegate_a).get("/api/v1/staffing/isus/CCM/fte/?on=June")
    assert bad.status_code == 400 and "on" in bad.json()["fields"]


def test_posts_are_changed_by_their_own_isu_only(api_as, ccm_post, ccm_staff, apmbc_staff):
    url = f"/api/v1/staffing/posts/{ccm_post.pk}/"
    assert api_as(apmbc_staff).patch(url, {"grade": "P-4"}, format="json").status_code == 403
    ccm_post.refresh_from_db()
    assert ccm_post.grade == "P-3"
    response = api_as(ccm_staff).patch(url, {"grade": "P-4"}, format="json")
    assert response.status_code == 200 and response.json()["grade"] == "P-4"
    assert AuditEntry.objects.filter(action="staffing.post.changed", actor=ccm_staff).exists()


def test_people_are_added_and_changed_by_their_units(api_as, isus, ccm_staff, apmbc_staff,
                                                     delegate_a, expert):
    body = {"full_name": "New Person", "home_isu": "CCM", "expertise": "land release"}
    assert api_as(apmbc_staff).post("/api/v1/staffing/staff/", body,
                                    format="json").status_code == 403
    assert api_as(delegate_a).post("/api/v1/staffing/staff/", {**body, "home_isu": None},
                                   format="json").status_code == 403
    from staffing.models import StaffMember

    assert not StaffMember.objects.filter(full_name="New Person").exists()
    response = api_as(ccm_staff).post("/api/v1/staffing/staff/", body, format="json")
    assert response.status_code == 201 and response.json()["home_isu"] == "CCM"
    # Ana is based in APMBC and works for nobody in CCM: CCM staff cannot rename her
    response = api_as(ccm_staff).patch(f"/api/v1/staffing/staff/{expert.pk}/",
                                       {"full_name": "Renamed"}, format="json")
    assert response.status_code == 403
    expert.refresh_from_db()
    assert expert.full_name == "Ana Expert"


def test_person_changing_unit_mid_year_is_split_by_days(isus):
    person = StaffMemberFactory(full_name="Mover")
    ccm, apmbc = (PostFactory(isu=isus[c], approved_from=datetime.date(2015, 1, 1))
                  for c in ("CCM", "APMBC"))
    first = services.assignment_create(actor=system(), staff_member=person, post=ccm, fte=D("1"),
                                       starts_on=datetime.date(2016, 1, 1))
    services.assignment_end(actor=system(), assignment=first, ends_on=datetime.date(2016, 3, 31))
    services.assignment_create(actor=system(), staff_member=person, post=apmbc, fte=D("1"),
                               starts_on=datetime.date(2016, 4, 1))
    services.staff_cost_set(actor=system(), staff_member=person, year=2016, salary=D("100000"),
                            social_charges=D("0"))
    from staffing import selectors

    ccm_cost = selectors.isu_cost_summary(isus["CCM"], 2016).staff_cost
    apmbc_cost = selectors.isu_cost_summary(isus["APMBC"], 2016).staff_cost
    # 2016 has 366 days: 91 in the CCM ISU, 275 in the APMBC ISU
    assert ccm_cost == D("24863.39") and apmbc_cost == D("75136.61")
    assert selectors.isu_average_fte(isus["CCM"], 2016) == D("0.25")
