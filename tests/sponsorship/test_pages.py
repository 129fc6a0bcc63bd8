"""The pages: the same rules as the API, tried from the wrong side; forms show errors."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts import access
from sponsorship import services
from sponsorship.enums import ApplicationStatus as S
from sponsorship.models import Application, Contribution, CostShare, Trip
from tests.factories import StateFactory
from tests.factories.sponsorship import FUTURE_YEAR, MeetingFactory, make_application

pytestmark = pytest.mark.django_db
JUN = lambda day: datetime.date(FUTURE_YEAR, 6, day)  # noqa: E731


@pytest.fixture
def submitted(focal_a, eligible_a, funded, june, geneva_rates):
    application = services.application_create(
        actor=focal_a, state=eligible_a, meetings=[june["CCM"], june["APMBC"]],
        nominees=[{"full_name": "Amra Delegate"}])
    services.application_submit(actor=focal_a, application=application)
    return application


def test_focal_point_applies_through_the_page(client, focal_a, eligible_a, programmes,
                                              june):
    client.force_login(focal_a)
    page = client.get(reverse("sponsorship:application-create"))
    assert page.status_code == 200
    response = client.post(reverse("sponsorship:application-create"), {
        "state": eligible_a.pk, "meetings": [june["CCM"].pk, june["APMBC"].pk],
        "language": "fr", "delegate_1": "Amra Hodžić", "email_1": "amra@example.org"})
    application = Application.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("sponsorship:application-detail", args=[application.pk])
    assert application.language == "fr" and application.meeting_lines.count() == 2
    response = client.post(reverse("sponsorship:application-step",
                                   args=[application.pk, "submit"]), follow=True)
    assert "Submitted" in response.content.decode()
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_form_errors_are_shown_not_500(client, focal_a, eligible_a, programmes):
    client.force_login(focal_a)
    response = client.post(reverse("sponsorship:application-create"), {"state": eligible_a.pk})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Application.objects.exists()


def test_apply_page_is_for_focal_points_only(client, delegate_a, ccm_staff):
    for user in (delegate_a, ccm_staff):
        client.force_login(user)
        assert client.get(reverse("sponsorship:application-create")).status_code == 403


def test_other_state_cannot_see_or_act(client, submitted, focal_b):
    client.force_login(focal_b)
    assert client.get(reverse("sponsorship:application-detail",
                              args=[submitted.pk])).status_code == 404
    assert client.post(reverse("sponsorship:application-comment", args=[submitted.pk]),
                       {"comment": "peek"}).status_code == 404
    index = client.get(reverse("sponsorship:index")).content.decode()
    assert reverse("sponsorship:application-detail", args=[submitted.pk]) not in index
    assert not submitted.events.filter(comment="peek").exists()


def test_reviewer_flow_through_pages(client, submitted, host_staff, funded):
    client.force_login(host_staff)
    url = reverse("sponsorship:application-detail", args=[submitted.pk])
    client.post(reverse("sponsorship:application-step", args=[submitted.pk, "start_review"]))
    response = client.post(reverse("sponsorship:trip-plan", args=[submitted.pk]), {
        "nominee": submitted.nominees.get().pk, "city": "Geneva", "arrival": JUN(21).isoformat(),
        "departure": JUN(27).isoformat(), "airfare": "1200.00", "terminal_expenses": "80.00",
        "rule": "first_meeting_pays_journey"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "3680.00" in page and "Approve share" in page
    for share in CostShare.objects.all():
        client.post(reverse("sponsorship:share-approve", args=[share.pk]))
    response = client.post(reverse("sponsorship:application-step",
                                   args=[submitted.pk, "approve"]), {"comment": "ok"},
                           follow=True)
    assert "Approved" in response.content.decode()
    assert Application.objects.get(pk=submitted.pk).status == S.APPROVED


def test_bad_trip_is_a_message_not_a_500(client, submitted, host_staff):
    services.application_start_review(actor=host_staff, application=submitted)
    client.force_login(host_staff)
    response = client.post(reverse("sponsorship:trip-plan", args=[submitted.pk]), {
        "nominee": submitted.nominees.get().pk, "city": "Atlantis", "arrival": JUN(21).isoformat(),
        "departure": JUN(27).isoformat(), "airfare": "1200.00", "terminal_expenses": "0",
        "rule": "first_meeting_pays_journey"}, follow=True)
    assert "No DSA rate for Atlantis" in response.content.decode()
    assert not Trip.objects.exists()


def test_other_programmes_staff_cannot_approve_its_share(client, submitted, host_staff,
                                                        ccm_staff):
    services.application_start_review(actor=host_staff, application=submitted)
    services.trip_plan(actor=host_staff, application=submitted,
                       nominee=submitted.nominees.get(), city="Geneva", arrival=JUN(21),
                       departure=JUN(27), airfare=Decimal("1000.00"))
    apmbc = CostShare.objects.get(programme__convention__code="APMBC")
    client.force_login(ccm_staff)
    assert client.post(reverse("sponsorship:share-approve",
                               args=[apmbc.pk])).status_code == 403
    apmbc.refresh_from_db()
    assert apmbc.approved_at is None
    # and it cannot re-cost the joint trip either
    assert client.post(reverse("sponsorship:trip-plan", args=[submitted.pk]), {
        "nominee": submitted.nominees.get().pk, "city": "Geneva", "arrival": JUN(21).isoformat(),
        "departure": JUN(27).isoformat(), "airfare": "1.00", "terminal_expenses": "0",
        "rule": "pro_rata_days"}).status_code == 403
    assert Trip.objects.get().airfare == Decimal("1000.00")


def test_programme_pages_follow_finance_access(client, funded, focal_a, ccm_staff, host_staff):
    client.force_login(focal_a)
    assert client.get(reverse("sponsorship:programme-detail", args=["CCM"])).status_code == 404
    assert "Confidential" in client.get(reverse("sponsorship:programme-list")).content.decode()
    assert client.get(reverse("sponsorship:donor-report")).status_code == 404
    client.force_login(ccm_staff)
    assert client.get(reverse("sponsorship:programme-detail", args=["CCM"])).status_code == 200
    assert client.get(reverse("sponsorship:programme-detail",
                              args=["APMBC"])).status_code == 404
    response = client.post(reverse("sponsorship:programme-detail", args=["APMBC"]), {
        "c-donor": 1, "c-amount": "5", "c-received_on": "2025-01-01"})
    assert response.status_code == 404
    assert Contribution.objects.count() == 2
    client.force_login(host_staff)
    page = client.get(reverse("sponsorship:donor-report")).content.decode()
    assert "Switzerland donor" in page


def test_report_request_page(client, funded, ccm_staff):
    client.force_login(ccm_staff)
    response = client.post(reverse("sponsorship:programme-detail", args=["CCM"]),
                           {"r-year": "2025", "r-language": "en"})
    assert response.status_code == 302 and "/files/" in response.url


def test_home_dashboard(client, submitted, host_staff, focal_a):
    client.force_login(host_staff)
    assert "1 application to review" in client.get("/").content.decode()
    client.force_login(focal_a)
    assert "Submitted" in client.get("/").content.decode()


@pytest.mark.parametrize("n", [1, 3])
def test_index_query_count(client, host_staff, programmes, conventions,
                           django_assert_num_queries, n):
    meeting = MeetingFactory(conventions=[conventions["CCM"]])
    for _ in range(n):
        make_application(state=StateFactory(), status=S.SUBMITTED, nominees=2,
                         meetings=[(meeting, programmes["CCM"])])
    client.force_login(host_staff)
    access.forget_scope(host_staff)
    # session, user, roles; count (view and table); page; meeting lines; nominees; the filter
    # form's conventions
    with django_assert_num_queries(9):
        page = client.get(reverse("sponsorship:index"))
    assert page.content.decode().count("/sponsorship/applications/") == n


@pytest.mark.parametrize("n", [1, 3])
def test_trip_and_programme_pages_query_counts(client, host_staff, programmes, conventions,
                                               geneva_rates, django_assert_num_queries, n):
    ccm = MeetingFactory(conventions=[conventions["CCM"]], start_date=JUN(22),
                         end_date=JUN(23))
    apmbc = MeetingFactory(conventions=[conventions["APMBC"]], start_date=JUN(24),
                           end_date=JUN(25))
    for _ in range(n):
        application = make_application(state=StateFactory(), status=S.UNDER_REVIEW,
                                        meetings=[(ccm, programmes["CCM"]),
                                                  (apmbc, programmes["APMBC"])])
        services.trip_plan(actor=host_staff, application=application,
                           nominee=application.nominees.get(), city="Geneva",
                           arrival=JUN(21), departure=JUN(26), airfare=Decimal("900.00"))
    Application.objects.update(status=S.APPROVED)
    client.force_login(host_staff)
    access.forget_scope(host_staff)
    # session, user, roles; count (view and table); page; shares; meeting lines; the filter
    # form's conventions
    with django_assert_num_queries(9):
        page = client.get(reverse("sponsorship:trip-list"))
    assert page.content.decode().count("<tr") == n + 1
    access.forget_scope(host_staff)
    # session, user, roles; all programmes; visible ones; received; shares; savings rows;
    # cluster trips; their meeting lines
    with django_assert_num_queries(10):
        page = client.get(reverse("sponsorship:programme-list"))
    assert f"<td class=\"numeric\">{n}</td>" in page.content.decode()


def test_admin_pages_load(admin_client, submitted, host_staff):
    services.application_start_review(actor=host_staff, application=submitted)
    services.trip_plan(actor=host_staff, application=submitted,
                       nominee=submitted.nominees.get(), city="Geneva", arrival=JUN(21),
                       departure=JUN(27), airfare=Decimal("1000.00"))
    for model in ("programme", "donor", "contribution", "dsarate", "application", "trip",
                  "costshare"):
        changelist = reverse(f"admin:sponsorship_{model}_changelist")
        assert admin_client.get(changelist).status_code == 200
        assert admin_client.get(changelist, {"q": "Geneva"}).status_code == 200
    assert admin_client.get(reverse("admin:sponsorship_application_change",
                                    args=[submitted.pk])).status_code == 200
    assert admin_client.get(reverse("admin:sponsorship_trip_change",
                                    args=[Trip.objects.get().pk])).status_code == 200


@pytest.mark.parametrize(("language", "title", "status"), [
    ("fr", "Demandes de parrainage", "Soumise"),
    ("es", "Solicitudes de patrocinio", "Presentada"),
    ("ar", "طلبات الرعاية", "مقدَّم"),
])
def test_pages_are_translated(client, submitted, focal_a, language, title, status):
    client.force_login(focal_a)
    client.cookies["django_language"] = language
    page = client.get(reverse("sponsorship:index"), HTTP_ACCEPT_LANGUAGE=language)
    text = page.content.decode()
    assert title in text and status in text
