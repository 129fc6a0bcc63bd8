import datetime
import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from accounts.services import system_actor as system
from core.models import GeneratedFile
from staffing import demo
from staffing.enums import AssignmentStatus
from staffing.models import Absence, Assignment, Post, Spending, StaffCost
from staffing.reports import REPORT_KIND, build
from tests.factories.staffing import AssignmentFactory, PostFactory, StaffMemberFactory

D = Decimal
pytestmark = pytest.mark.django_db


def _client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def demo_data(isus):
    demo.load(log=lambda message: None)


def test_pages_need_a_sign_in(client, isus):
    for url in ("/staffing/", "/staffing/isus/CCM/", "/staffing/isus/CCM/costs/",
                "/staffing/options/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_index_and_team_and_timeline(client, demo_data, delegate_a):
    c = _client(client, delegate_a)
    page = c.get("/staffing/").content.decode()
    assert "Victim Assistance Specialist" in page and "Nadia Rahman (0.5)" in page
    team = c.get("/staffing/isus/CCM/?on=2017-08-21").content.decode()
    assert "Clara Martin" in team
    assert "without cover" in team  # victim assistance: Nadia on leave, no backup
    assert "New assignment" not in team  # a delegate manages nothing
    timeline = c.get("/staffing/isus/APMBC/timeline/?year=2017").content.decode()
    assert "2.60 FTE on average in 2017" in timeline and "<rect" in timeline


def test_team_page_date_is_swapped_by_htmx(client, demo_data, ccm_staff):
    c = _client(client, ccm_staff)
    response = c.get("/staffing/isus/CCM/?on=2017-08-21", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="team-day">') and "<html" not in body
    assert "without cover" in body
    later = c.get("/staffing/isus/CCM/?on=2017-09-01", HTTP_HX_REQUEST="true").content.decode()
    assert "without cover" not in later


def test_cost_page_shows_the_report_figures_to_finance(client, demo_data, ccm_staff,
                                                       host_staff):
    for user in (ccm_staff, host_staff):
        page = _client(client, user).get("/staffing/isus/CCM/costs/?year=2016").content.decode()
        assert '<dd class="numeric" id="ratio-spending">78.7 %</dd>' in page
        assert '<dd class="numeric" id="ratio-budget">64.1 %</dd>' in page
        assert "291,719.00" in page and "<svg" in page
        client.logout()


@pytest.mark.parametrize("outsider", ["apmbc_staff", "delegate_a", "focal_a"])
def test_salaries_stay_hidden_from_outsiders_on_pages(client, demo_data, outsider, request):
    user = request.getfixturevalue(outsider)
    c = _client(client, user)
    if outsider == "apmbc_staff":
        # the shared expert works for both units, the CCM director only for the CCM ISU
        assert c.get("/staffing/isus/APMBC/costs/?year=2016").status_code == 200
    for url in ("/staffing/isus/CCM/costs/?year=2016", "/staffing/isus/CCM/salaries/add/",
                "/staffing/isus/CCM/spending/add/"):
        response = c.get(url)
        assert response.status_code == 403
        assert "124,000" not in response.content.decode()
    for page in ("/staffing/", "/staffing/isus/CCM/", "/staffing/isus/CCM/timeline/"):
        body = c.get(page).content.decode()
        assert "124,000" not in body and "124000" not in body
    before = StaffCost.objects.get(staff_member__full_name="Jonas Keller", year=2016).salary
    response = c.post("/staffing/isus/CCM/salaries/add/", {
        "staff_member": StaffCost.objects.get(staff_member__full_name="Jonas Keller",
                                              year=2016).staff_member_id,
        "year": 2016, "salary": "1", "social_charges": "1", "currency": "CHF"})
    assert response.status_code == 403
    assert StaffCost.objects.get(staff_member__full_name="Jonas Keller",
                                 year=2016).salary == before
    response = c.post("/staffing/isus/CCM/spending/add/", {
        "year": 2016, "category": "travel", "amount": "1", "currency": "CHF"})
    assert response.status_code == 403
    assert Spending.objects.get(isu__convention__code="CCM", year=2016,
                                category="travel").amount == D("38250")
    assert c.post("/staffing/isus/CCM/report/", {"year": 2016}).status_code == 403
    assert not GeneratedFile.objects.exists()


def test_over_allocation_is_refused_by_the_form(client, shared_expert, isus, ccm_staff):
    extra = PostFactory(isu=isus["CCM"], title="Outreach", approved_from=datetime.date(2015, 1, 1))
    response = _client(client, ccm_staff).post("/staffing/isus/CCM/assignments/add/", {
        "staff_member": shared_expert.pk, "post": extra.pk, "kind": "part_time", "fte": "0.3",
        "starts_on": "2017-01-01"})
    assert response.status_code == 200
    assert "one person holds at most 1 FTE" in response.content.decode()
    assert not Assignment.objects.filter(post=extra).exists()


def test_forms_save_through_services(client, isus, ccm_staff, ccm_post, expert):
    c = _client(client, ccm_staff)
    response = c.post("/staffing/isus/CCM/assignments/add/", {
        "staff_member": expert.pk, "post": ccm_post.pk, "kind": "part_time", "fte": "0.5",
        "starts_on": "2017-01-01"})
    assert response.status_code == 302
    assert Assignment.objects.get(post=ccm_post).fte == D("0.5")
    response = c.post("/staffing/isus/CCM/absences/add/", {
        "staff_member": expert.pk, "kind": "mission", "starts_on": "2017-09-04",
        "ends_on": "2017-09-01"})
    assert response.status_code == 200 and not Absence.objects.exists()
    response = c.post("/staffing/isus/CCM/posts/add/", {
        "title": "Director", "grade": "P-5", "fte": "1", "approved_from": "2016-01-01"})
    assert response.status_code == 302 and Post.objects.filter(title="Director").exists()


def test_other_isus_staff_cannot_use_the_forms(client, isus, apmbc_staff, ccm_post, expert):
    c = _client(client, apmbc_staff)
    response = c.post("/staffing/isus/CCM/assignments/add/", {
        "staff_member": expert.pk, "post": ccm_post.pk, "kind": "part_time", "fte": "0.5",
        "starts_on": "2017-01-01"})
    assert response.status_code == 403 and not Assignment.objects.exists()
    # nor smuggle the other unit's post through their own unit's form
    response = c.post("/staffing/isus/APMBC/assignments/add/", {
        "staff_member": expert.pk, "post": ccm_post.pk, "kind": "part_time", "fte": "0.5",
        "starts_on": "2017-01-01"})
    assert response.status_code == 200 and not Assignment.objects.exists()


def test_shared_expert_options_page(client, isus, delegate_a):
    c = _client(client, delegate_a)
    page = c.get("/staffing/options/", {
        "annual_cost": "150000", "unit_a": isus["CCM"].pk, "unit_b": isus["APMBC"].pk,
        "share_a": "0.4", "share_b": "0.6", "based_in_a": "", "consulting_days": "55",
        "consulting_premium": "10"}).content.decode()
    assert "41,250.00" in page and "108,750.00" in page and "300,000.00" in page
    bad = c.get("/staffing/options/", {
        "annual_cost": "150000", "unit_a": isus["CCM"].pk, "unit_b": isus["CCM"].pk,
        "share_a": "0.8", "share_b": "0.6", "consulting_days": "55",
        "consulting_premium": "0"})
    assert bad.status_code == 200 and "Choose two different units." in bad.content.decode()


@pytest.mark.parametrize("size", [1, 3])
def test_index_queries(client, isus, ccm_staff, size, django_assert_num_queries):
    for _ in range(size):
        AssignmentFactory(post=PostFactory(isu=isus["CCM"]))
    c = _client(client, ccm_staff)
    # +1: the filter form's list of conventions (?convention=, treaties.filters)
    with django_assert_num_queries(10):
        response = c.get("/staffing/")
    assert response.status_code == 200


def test_yearly_pdf_is_built_and_requested(client, demo_data, ccm_staff,
                                           django_capture_on_commit_callbacks):
    pdf, filename = build({"isu": "CCM", "year": 2016}, "en")
    assert filename == "staffing-CCM-2016.pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "78.7 %" in text and "64.1 %" in text and "Nadia Rahman" in text
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(client, ccm_staff).post("/staffing/isus/CCM/report/",
                                                   {"year": 2016})
    generated = GeneratedFile.objects.get(kind=REPORT_KIND)
    assert response.status_code == 302 and response["Location"] == f"/files/{generated.pk}/"
    generated.refresh_from_db()
    assert generated.status == "done", generated.error
    assert generated.file.read().startswith(b"%PDF")


def test_arabic_pdf(demo_data):
    pdf, _ = build({"isu": "APMBC", "year": 2017}, "ar")
    assert pdf.startswith(b"%PDF")


@pytest.mark.parametrize("language, title", [("fr", "Équipe et plan de suppléance"),
                                             ("es", "Equipo y plan de suplencias"),
                                             ("ar", "الفريق وخطة المناوبة")])
def test_team_page_is_translated(client, isus, ccm_staff, language, title, settings):
    client.force_login(ccm_staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert title in client.get("/staffing/isus/CCM/").content.decode()


@pytest.mark.parametrize("size", [1, 3])
def test_cost_and_team_page_queries(client, isus, ccm_staff, size, django_assert_num_queries):
    from staffing import services

    for _ in range(size):
        person = AssignmentFactory(post=PostFactory(isu=isus["CCM"])).staff_member
        services.staff_cost_set(actor=system(), staff_member=person, year=2016, salary=D("1"),
                                social_charges=D("1"))
        duty = services.duty_create(actor=system(), isu=isus["CCM"], name=f"Duty {person.pk}",
                                    holder=person)
        services.backstop_add(actor=system(), duty=duty, backup=StaffMemberFactory())
        # a request awaiting consent each way: of an APMBC person, and of a CCM person
        AssignmentFactory(post=PostFactory(isu=isus["CCM"]), status=AssignmentStatus.PENDING,
                          staff_member=StaffMemberFactory(home_isu=isus["APMBC"]))
        AssignmentFactory(post=PostFactory(isu=isus["APMBC"]), status=AssignmentStatus.PENDING,
                          staff_member=StaffMemberFactory(home_isu=isus["CCM"]))
    c = _client(client, ccm_staff)
    with django_assert_num_queries(8):
        assert c.get("/staffing/isus/CCM/costs/?year=2016").status_code == 200
    with django_assert_num_queries(15):
        page = c.get("/staffing/isus/CCM/?on=2017-01-01")
    assert page.content.decode().count('action="/staffing/assignments/') == 2 * size


def test_dashboard_panel_shows_fte_and_uncovered_duties(client, demo_data, ccm_staff,
                                                        delegate_a):
    from staffing import services
    from staffing.models import StaffMember

    services.absence_record(actor=system(), staff_member=StaffMember.objects.get(
        full_name="Nadia Rahman"), kind="leave", starts_on=datetime.date(2018, 1, 1),
        ends_on=datetime.date(2100, 1, 1))
    home = _client(client, ccm_staff).get("/").content.decode()
    assert "2.3 FTE today" in home  # Clara went to 0.8 in 2018
    assert "1 duty without cover" in home
    client.logout()
    assert "FTE today" not in _client(client, delegate_a).get("/").content.decode()
