"""Hostile input refused at the door (core.middleware) and in the API's error envelope: a NUL or
another control character anywhere a request carries text, bodies past the size limit, free text
past its length limit. On PostgreSQL each NUL below was a 500 (ValueError/DataError) before."""

import pytest
from django.apps import apps
from django.db import models
from django.test import RequestFactory
from django.urls import reverse

from core.api.errors import portal_exception_handler
from core.text import TEXT_MAX_LENGTH, BoundedTextField
from meetings.models import Meeting
from staffing.models import Post
from tests.factories.meetings import MeetingFactory

MESSAGE = "Control characters (such as NUL) are not allowed."


def assert_envelope(response, status, code, fields=None):
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"status", "code", "detail", "fields"}
    assert body["status"] == status and body["code"] == code
    if fields is not None:
        assert body["fields"] == fields


@pytest.mark.parametrize("path", [
    "/api/v1/conventions/CC%00M/",
    "/api/v1/states/B%00H/",
    "/api/v1/isus/%00/",
    "/api/v1/thematic-areas/reporting%00/",
])
def test_nul_in_an_api_path_segment_is_a_400_envelope(client, conventions, path):
    assert_envelope(client.get(path), 400, "invalid", {"non_field_errors": [MESSAGE]})


def test_nul_in_a_page_path_segment_is_an_html_400(client, conventions):
    response = client.get("/conventions/CC%00M/")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert MESSAGE in response.content.decode()


@pytest.mark.parametrize("query", ["convention=%00", "q=mine%00field", "city=Gen%01eva",
                                   "status=%00&status=planned"])
def test_control_character_in_an_api_query_parameter_is_a_400_naming_it(client, conventions,
                                                                        query):
    response = client.get(f"/api/v1/meetings/?{query}")
    name = query.split("=")[0]
    assert_envelope(response, 400, "invalid", {name: [MESSAGE]})


def test_nul_in_a_page_query_parameter_is_an_html_400(client, ccm_staff):
    client.force_login(ccm_staff)
    for query in ("convention=%00", "q=%00"):
        response = client.get(f"{reverse('meetings:index')}?{query}")
        assert response.status_code == 400
        assert MESSAGE in response.content.decode()


def test_tab_and_newlines_are_text_not_control_characters(client, conventions):
    response = client.get("/api/v1/meetings/?q=a%09b%0Ac%0Dd")
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_nul_in_a_json_body_field_is_a_400_and_nothing_is_written(api_as, ccm_staff, isus):
    payload = {"isu": "CCM", "title": "Implementation\u0000Officer", "grade": "P3",
               "fte": "1.00", "approved_from": "2026-01-01"}
    response = api_as(ccm_staff).post("/api/v1/staffing/posts/", payload, format="json")
    assert_envelope(response, 400, "invalid", {"title": [MESSAGE]})
    assert not Post.objects.exists()


def test_nul_deep_in_a_json_body_names_its_top_level_field(api_as, ccm_staff, conventions):
    meeting = MeetingFactory(conventions=[conventions["CCM"]])
    payload = {"thematic_areas": ["reporting", "victim\u0000assistance"]}
    response = api_as(ccm_staff).patch(f"/api/v1/meetings/{meeting.pk}/", payload, format="json")
    assert_envelope(response, 400, "invalid", {"thematic_areas": [MESSAGE]})
    assert list(Meeting.objects.get(pk=meeting.pk).thematic_areas.all()) == list(
        meeting.thematic_areas.all())


def test_nul_in_a_form_post_is_an_html_400_and_nothing_is_written(client, ccm_staff,
                                                                  conventions):
    client.force_login(ccm_staff)
    response = client.post(reverse("meetings:create"), {
        "title": "Intersessional\x00", "kind": "intersessional", "conventions": [
            conventions["CCM"].pk], "city": "Geneva", "country": "CH",
        "start_date": "2027-05-10", "end_date": "2027-05-12"})
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert not Meeting.objects.exists()


def test_nul_in_an_api_form_post_is_a_400_envelope(api_as, ccm_staff, isus):
    response = api_as(ccm_staff).post("/api/v1/staffing/posts/", {
        "isu": "CCM", "title": "Officer\x00", "grade": "P3", "fte": "1.00",
        "approved_from": "2026-01-01"}, format="multipart")
    assert_envelope(response, 400, "invalid", {"title": [MESSAGE]})
    assert not Post.objects.exists()


def test_nul_in_the_session_cookie_is_refused_before_the_session_is_read(client, conventions):
    client.cookies["sessionid"] = "abcdefgh\x00ijkl"
    response = client.get("/api/v1/conventions/")
    assert_envelope(response, 400, "invalid")


def test_malformed_json_is_left_to_the_parser(api_as, ccm_staff):
    response = api_as(ccm_staff).generic("POST", "/api/v1/staffing/posts/", '{"title": "\x00',
                                         content_type="application/json")
    assert_envelope(response, 400, "parse_error")


def test_multipart_without_a_boundary_is_a_400_envelope_not_an_html_page(api_as, ccm_staff):
    response = api_as(ccm_staff).generic("POST", "/api/v1/staffing/posts/", "title=x",
                                         content_type="multipart/form-data")
    assert_envelope(response, 400, "parse_error", {})
    assert not Post.objects.exists()


def test_deeply_nested_json_is_a_400_not_a_recursion_error(api_as, ccm_staff):
    body = "[" * 100_000 + "]" * 100_000
    response = api_as(ccm_staff).generic("POST", "/api/v1/staffing/posts/", body,
                                         content_type="application/json")
    assert_envelope(response, 400, "invalid")


def test_oversized_json_body_is_a_413_envelope(api_as, ccm_staff, isus, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    payload = {"isu": "CCM", "title": "x" * 2000, "grade": "P3", "fte": "1.00",
               "approved_from": "2026-01-01"}
    response = api_as(ccm_staff).post("/api/v1/staffing/posts/", payload, format="json")
    assert_envelope(response, 413, "too_large", {})
    assert response.json()["detail"] == "The request body is too large."
    assert not Post.objects.exists()


def test_default_body_limit_refuses_a_5_mb_json_body(api_as, ccm_staff, isus):
    payload = {"isu": "CCM", "title": "x" * (5 * 1024 * 1024), "grade": "P3",
               "fte": "1.00", "approved_from": "2026-01-01"}
    response = api_as(ccm_staff).post("/api/v1/staffing/posts/", payload, format="json")
    assert_envelope(response, 413, "too_large", {})
    assert not Post.objects.exists()


def test_oversized_page_post_is_an_html_413(client, ccm_staff, conventions, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client.force_login(ccm_staff)
    response = client.post(reverse("meetings:create"), {"title": "x" * 2000})
    assert response.status_code == 413
    assert "The request body is too large." in response.content.decode()
    assert not Meeting.objects.exists()


def test_too_many_fields_is_a_400_envelope(api_as, ccm_staff, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    response = api_as(ccm_staff).post("/api/v1/staffing/posts/",
                                      {f"f{i}": "1" for i in range(20)}, format="multipart")
    assert_envelope(response, 400, "too_many_fields", {})
    assert not Post.objects.exists()


@pytest.mark.parametrize(("exc_path", "status", "code"), [
    ("RequestDataTooBig", 413, "too_large"),
    ("TooManyFieldsSent", 400, "too_many_fields"),
    ("TooManyFilesSent", 400, "too_many_fields"),
])
def test_exception_handler_envelopes_body_limits_raised_inside_a_view(exc_path, status, code):
    """When the body is first read in DRF (not by the middleware), the envelope still holds."""
    from django.core import exceptions as django_exceptions

    exc = getattr(django_exceptions, exc_path)("limit")
    request = RequestFactory().post("/api/v1/staffing/posts/")
    response = portal_exception_handler(exc, {"request": request, "view": None})
    assert response.status_code == status
    assert response.data == {"status": status, "code": code, "detail": response.data["detail"],
                             "fields": {}}
    assert response.data["detail"]


def test_every_free_text_column_people_type_into_is_bounded():
    """System-written text (error traces, sent e-mail bodies) is exempt; the rest is bounded."""
    exempt = {("core", "generatedfile", "error"), ("reporting", "remindermessage", "body"),
              ("meetings", "remindermessage", "body")}
    unbounded = [
        (model._meta.app_label, model._meta.model_name, field.name)
        for model in apps.get_models()
        if model.__module__.split(".")[0] in {"core", "accounts", "treaties", "meetings",
                                              "sponsorship", "reporting", "staffing"}
        for field in model._meta.get_fields()
        if isinstance(field, models.TextField) and not isinstance(field, BoundedTextField)
    ]
    assert sorted(set(unbounded) - exempt) == []


def test_bounded_text_is_refused_by_full_clean_and_by_the_model_form(conventions):
    from django.core.exceptions import ValidationError
    from django.forms import modelform_factory

    meeting = MeetingFactory.build(description="x" * (TEXT_MAX_LENGTH + 1))
    with pytest.raises(ValidationError) as refused:
        meeting.full_clean(exclude=[f.name for f in Meeting._meta.fields
                                    if f.name != "description"])
    assert list(refused.value.message_dict) == ["description"]
    form = modelform_factory(Meeting, fields=["description"])(
        data={"description": "x" * (TEXT_MAX_LENGTH + 1)})
    assert not form.is_valid()
    assert list(form.errors) == ["description"]

