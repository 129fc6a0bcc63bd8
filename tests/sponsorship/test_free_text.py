"""Free text on an application (comments, motivation) is bounded: past TEXT_MAX_LENGTH it is a
field error on the API and a message on the page, and a 5 MB body is refused whole; nothing is
recorded either way."""

import pytest
from django.urls import reverse

from core.text import TEXT_MAX_LENGTH
from sponsorship import services
from sponsorship.enums import ApplicationStatus as S
from sponsorship.models import Application, ApplicationEvent

API = "/api/v1/sponsorship"
TOO_LONG = "x" * (TEXT_MAX_LENGTH + 1)
FIVE_MB = "x" * (5 * 1024 * 1024)


@pytest.fixture
def submitted(focal_a, eligible_a, funded, june, geneva_rates):
    application = services.application_create(
        actor=focal_a, state=eligible_a, meetings=[june["CCM"], june["APMBC"]],
        nominees=[{"full_name": "Amra Delegate"}])
    services.application_submit(actor=focal_a, application=application)
    return application


def events_of(application):
    return list(ApplicationEvent.objects.filter(application=application).values_list(
        "to_status", "comment"))


def test_overlong_comment_through_the_api_is_a_field_error(api_as, submitted, focal_a):
    before = events_of(submitted)
    response = api_as(focal_a).post(f"{API}/applications/{submitted.pk}/comment/",
                                    {"comment": TOO_LONG}, format="json")
    assert response.status_code == 400
    assert response.json()["fields"] == {
        "comment": [f"Ensure this field has no more than {TEXT_MAX_LENGTH} characters."]}
    assert events_of(submitted) == before


def test_5_mb_comment_through_the_api_is_a_413_envelope(api_as, submitted, focal_a):
    before = events_of(submitted)
    response = api_as(focal_a).post(f"{API}/applications/{submitted.pk}/comment/",
                                    {"comment": FIVE_MB}, format="json")
    assert response.status_code == 413
    assert response.json() == {"status": 413, "code": "too_large",
                               "detail": "The request body is too large.", "fields": {}}
    assert events_of(submitted) == before


def test_comment_at_the_limit_is_recorded(api_as, submitted, focal_a):
    text = "y" * TEXT_MAX_LENGTH
    response = api_as(focal_a).post(f"{API}/applications/{submitted.pk}/comment/",
                                    {"comment": text}, format="json")
    assert response.status_code == 201
    assert events_of(submitted)[-1] == (S.SUBMITTED, text)


def test_nul_in_an_api_comment_is_refused(api_as, submitted, focal_a):
    before = events_of(submitted)
    response = api_as(focal_a).post(f"{API}/applications/{submitted.pk}/comment/",
                                    {"comment": "a\u0000b"}, format="json")
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["comment"]
    assert events_of(submitted) == before


def test_overlong_comment_on_the_page_is_a_message_and_nothing_is_recorded(client, submitted,
                                                                        focal_a):
    before = events_of(submitted)
    client.force_login(focal_a)
    response = client.post(reverse("sponsorship:application-comment", args=[submitted.pk]),
                           {"comment": TOO_LONG}, follow=True)
    assert response.status_code == 200
    assert (f"Ensure this value has at most {TEXT_MAX_LENGTH} characters"
            in response.content.decode())
    assert events_of(submitted) == before


def test_5_mb_comment_on_the_page_is_refused_whole(client, submitted, focal_a):
    before = events_of(submitted)
    client.force_login(focal_a)
    response = client.post(reverse("sponsorship:application-comment", args=[submitted.pk]),
                           {"comment": FIVE_MB})
    assert response.status_code == 413
    assert "The request body is too large." in response.content.decode()
    assert events_of(submitted) == before


def test_overlong_step_comment_does_not_take_the_step_without_it(client, submitted, host_staff):
    """Before, the invalid comment was dropped and the step taken with an empty one."""
    client.force_login(host_staff)
    response = client.post(reverse("sponsorship:application-step",
                                   args=[submitted.pk, "start_review"]),
                           {"comment": TOO_LONG}, follow=True)
    assert f"at most {TEXT_MAX_LENGTH} characters" in response.content.decode()
    assert Application.objects.get(pk=submitted.pk).status == S.SUBMITTED


def test_service_refuses_an_overlong_comment_whatever_the_caller(submitted, focal_a):
    from django.core.exceptions import ValidationError

    before = events_of(submitted)
    with pytest.raises(ValidationError) as refused:
        services.application_comment(actor=focal_a, application=submitted, comment=TOO_LONG)
    assert list(refused.value.message_dict) == ["comment"]
    assert events_of(submitted) == before
