"""Costing a trip through the service, the API and the page, for any arrival and departure
around the meetings (issue 9.8: arriving on the first day or leaving on the last crashed)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sponsorship import services, split
from sponsorship.enums import ApplicationStatus as S
from sponsorship.models import CostShare, DSARate, Trip
from tests.factories import StateFactory
from tests.factories.sponsorship import DSARateFactory, MeetingFactory, make_application

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
API = "/api/v1/sponsorship"


def _two_meetings(conventions, programmes, *, start, ccm_days, gap, apmbc_days):
    ccm = MeetingFactory(title="CCM meeting", conventions=[conventions["CCM"]],
                         start_date=start, end_date=start + DAY * (ccm_days - 1))
    apmbc_start = ccm.end_date + DAY * (1 + gap)
    apmbc = MeetingFactory(title="APMBC meeting", conventions=[conventions["APMBC"]],
                           start_date=apmbc_start,
                           end_date=apmbc_start + DAY * (apmbc_days - 1))
    application = make_application(state=StateFactory(), status=S.UNDER_REVIEW,
                                   meetings=[(ccm, programmes["CCM"]),
                                             (apmbc, programmes["APMBC"])])
    return application, ccm, apmbc


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ccm_days=st.integers(1, 3), gap=st.integers(0, 3), apmbc_days=st.integers(1, 3),
       arrive=st.integers(-3, 2), leave=st.integers(-3, 3), rate_from=st.integers(-5, 1),
       airfare=st.decimals(min_value=0, max_value=5000, places=2),
       rule=st.sampled_from(split.RULES))
def test_any_arrival_and_departure_costs_or_is_a_validation_error(
        conventions, programmes, host_staff, ccm_days, gap, apmbc_days, arrive, leave,
        rate_from, airfare, rule):
    """Arrival from three days before the first meeting to two days into it, departure from
    three days before the last meeting's end to three days after; the Geneva rate starts
    up to five days before the first meeting (or the day after it starts)."""
    start = datetime.date(2027, 6, 21)
    with transaction.atomic():  # each example rolls back to a clean database
        application, _ccm, apmbc = _two_meetings(conventions, programmes, start=start,
                                                 ccm_days=ccm_days, gap=gap,
                                                 apmbc_days=apmbc_days)
        DSARateFactory(city="Geneva", valid_from=start + DAY * rate_from,
                       amount=Decimal("400.00"))
        arrival, departure = start + DAY * arrive, apmbc.end_date + DAY * leave
        covers = arrival <= start and departure >= apmbc.end_date and departure > arrival
        rated = start + DAY * rate_from <= arrival
        try:
            trip = services.trip_plan(actor=host_staff, application=application,
                                      nominee=application.nominees.get(), city="Geneva",
                                      arrival=arrival, departure=departure, airfare=airfare,
                                      rule=rule)
        except ValidationError as error:
            assert not (covers and rated), error.message_dict
            fields = set(error.message_dict)
            if not covers:
                assert fields <= {"arrival", "departure"}
            else:  # the first night without a rate is the arrival's
                assert error.message_dict == {"city": [
                    f"No DSA rate for Geneva on {arrival.isoformat()}."]}
            assert not Trip.objects.filter(application=application).exists()
        else:
            assert covers and rated
            shares = list(trip.shares.all())
            nights = (departure - arrival).days
            assert trip.nights == nights
            assert trip.total == airfare + nights * Decimal("400.00")
            assert sum(s.amount for s in shares) == trip.total
            assert sum(s.separate_cost for s in shares) == trip.separate_total
            # with at most one free day between the meetings, sharing never costs more
            if gap <= 1:
                assert trip.saving >= airfare
        transaction.set_rollback(True)


@pytest.fixture
def costed_setup(conventions, programmes, geneva_rates):
    start = datetime.date(2027, 6, 22)
    return _two_meetings(conventions, programmes, start=start, ccm_days=2, gap=1,
                         apmbc_days=2)


def test_api_costs_a_trip_arriving_on_the_first_day_and_leaving_on_the_last(
        api_as, host_staff, costed_setup):
    application, ccm, apmbc = costed_setup
    response = api_as(host_staff).post(f"{API}/applications/{application.pk}/trips/", {
        "nominee": application.nominees.get().pk, "city": "Geneva",
        "arrival": ccm.start_date.isoformat(), "departure": apmbc.end_date.isoformat(),
        "airfare": "900.00"}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    # 4 nights (22nd-25th) at 400; separate trips 900 + 2 nights each
    assert (body["nights"], body["total"], body["separate_total"], body["saving"]) == (
        4, "2500.00", "3400.00", "900.00")
    assert [(s["programme"], s["amount"], s["separate_cost"]) for s in body["shares"]] == [
        ("CCM", "1700.00", "1700.00"), ("APMBC", "800.00", "1700.00")]


def test_api_missing_rate_is_a_400_naming_city_and_date(api_as, host_staff, costed_setup):
    application, ccm, apmbc = costed_setup
    DSARate.objects.all().delete()
    DSARateFactory(city="Geneva", valid_from=ccm.start_date + DAY, amount=Decimal("400.00"))
    response = api_as(host_staff).post(f"{API}/applications/{application.pk}/trips/", {
        "nominee": application.nominees.get().pk, "city": "Geneva",
        "arrival": ccm.start_date.isoformat(), "departure": apmbc.end_date.isoformat(),
        "airfare": "900.00"}, format="json")
    assert response.status_code == 400
    assert response.json()["fields"] == {"city": ["No DSA rate for Geneva on 2027-06-22."]}
    assert not Trip.objects.exists() and not CostShare.objects.exists()


def test_api_leaving_before_the_last_day_is_a_400_on_departure(api_as, host_staff,
                                                              costed_setup):
    application, ccm, apmbc = costed_setup
    response = api_as(host_staff).post(f"{API}/applications/{application.pk}/trips/", {
        "nominee": application.nominees.get().pk, "city": "Geneva",
        "arrival": ccm.start_date.isoformat(),
        "departure": (apmbc.end_date - DAY).isoformat(), "airfare": "900.00"}, format="json")
    assert response.status_code == 400
    assert response.json()["fields"] == {"departure": [
        "The delegate cannot leave before the last day of APMBC meeting (2027-06-26)."]}
    assert not Trip.objects.exists()


def test_page_costs_a_trip_arriving_on_the_first_day_and_leaving_on_the_last(
        client, host_staff, costed_setup):
    application, ccm, apmbc = costed_setup
    client.force_login(host_staff)
    response = client.post(reverse("sponsorship:trip-plan", args=[application.pk]), {
        "nominee": application.nominees.get().pk, "city": "Geneva",
        "arrival": ccm.start_date.isoformat(), "departure": apmbc.end_date.isoformat(),
        "airfare": "900.00", "terminal_expenses": "0", "rule": "first_meeting_pays_journey"},
        follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "The trip is costed and split." in page
    trip = Trip.objects.get()
    assert (trip.total, trip.separate_total) == (Decimal("2500.00"), Decimal("3400.00"))
    assert "Saving against separate trips CHF 900.00" in page


def test_page_missing_rate_is_a_message_naming_city_and_date(client, host_staff,
                                                             costed_setup):
    application, ccm, apmbc = costed_setup
    client.force_login(host_staff)
    response = client.post(reverse("sponsorship:trip-plan", args=[application.pk]), {
        "nominee": application.nominees.get().pk, "city": "Vienna",
        "arrival": ccm.start_date.isoformat(), "departure": apmbc.end_date.isoformat(),
        "airfare": "900.00", "terminal_expenses": "0", "rule": "pro_rata_days"}, follow=True)
    assert response.status_code == 200
    assert "No DSA rate for Vienna on 2027-06-22." in response.content.decode()
    assert not Trip.objects.exists()
