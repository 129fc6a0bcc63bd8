"""Contribution dates and the year filters stay within the portal's range of dates."""

import pytest
from django.urls import reverse

from sponsorship.models import Contribution
from tests.factories.sponsorship import DonorFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/sponsorship"


@pytest.mark.parametrize("year", ["0", "99999", "1899", "2201"])
def test_year_filters_out_of_range_are_a_400_not_a_500(api_as, host_staff, programmes, year):
    client = api_as(host_staff)
    for url in (f"{API}/contributions/", f"{API}/trips/"):
        response = client.get(url, {"year": year})
        assert response.status_code == 400, url
        assert response.json()["fields"]["year"] == ["Enter a year between 1900 and 2200."]


def test_year_filter_out_of_range_on_the_trips_page_shows_the_error(client, host_staff,
                                                                      programmes):
    client.force_login(host_staff)
    response = client.get(reverse("sponsorship:trip-list"), {"year": "0"})
    assert response.status_code == 200
    assert response.context["filter"].errors["year"] == ["Enter a year between 1900 and 2200."]


@pytest.mark.parametrize("day", ["9999-12-30", "1000-01-01"])
def test_a_contribution_received_out_of_range_is_refused(api_as, programmes, ccm_staff, client,
                                                         day):
    DonorFactory(name="Australia")
    response = api_as(ccm_staff).post(f"{API}/contributions/", {
        "programme": "CCM", "donor": "Australia", "amount": "100.00", "received_on": day},
        format="json")
    assert response.status_code == 400
    assert response.json()["fields"]["received_on"] == [
        "Enter a date between 1900-01-01 and 2200-12-31."]
    client.force_login(ccm_staff)
    donor = DonorFactory(name="Austria")
    response = client.post(reverse("sponsorship:programme-detail", args=["CCM"]), {
        "c-donor": donor.pk, "c-amount": "100.00", "c-received_on": day})
    assert response.status_code == 200
    assert response.context["contribution_form"].errors["received_on"] == [
        "Enter a date between 1900-01-01 and 2200-12-31."]
    assert not Contribution.objects.exists()
