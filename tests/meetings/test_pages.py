import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.models import GeneratedFile
from meetings.enums import MeetingStatus, ParticipantRole, RegistrationStatus
from meetings.models import Meeting, MeetingDocument, Registration
from tests.factories import ThematicAreaFactory
from tests.factories.meetings import MeetingFactory, RegistrationFactory

D = datetime.date
pytestmark = pytest.mark.django_db


def test_month_view_shows_meetings_and_marks_the_cluster(client, ccm, apmbc):
    MeetingFactory(conventions=[ccm], title="CCM Intersessional", start_date=D(2015, 6, 22),
                   end_date=D(2015, 6, 23))
    MeetingFactory(conventions=[apmbc], title="APMBC Intersessional", start_date=D(2015, 6, 25),
                   end_date=D(2015, 6, 26))
    MeetingFactory(conventions=[ccm], title="Far away", start_date=D(2015, 7, 20))
    response = client.get(reverse("meetings:index"), {"month": "2015-06"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "CCM Intersessional" in body and "APMBC Intersessional" in body
    assert "Far away" not in body
    assert body.count("in-cluster") == 4  # two days each
    assert "Back-to-back clusters this month" in body


def test_plain_calendar_shows_this_month(client, ccm):
    from django.utils import timezone

    today = timezone.localdate()
    MeetingFactory(conventions=[ccm], title="This month's meeting", start_date=today,
                   end_date=today)
    body = client.get(reverse("meetings:index")).content.decode()
    assert "This month&#x27;s meeting" in body


def test_htmx_request_renders_only_the_calendar(client, ccm):
    MeetingFactory(conventions=[ccm], title="CCM 7MSP", start_date=D(2017, 9, 4))
    response = client.get(reverse("meetings:index"), {"month": "2017-09"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "CCM 7MSP" in body and "<html" not in body and 'id="calendar"' in body


def test_list_view_filters_by_convention_kind_city_and_theme(client, ccm, apmbc):
    theme = ThematicAreaFactory(code="victim-assistance")
    MeetingFactory(conventions=[ccm], title="Geneva CCM", thematic_areas=[theme])
    MeetingFactory(conventions=[apmbc], title="Santiago APMBC", city="Santiago", country="CL")
    MeetingFactory(conventions=[ccm, apmbc], title="Joint workshop", kind="workshop")
    url = reverse("meetings:index")

    def titles(**params):
        body = client.get(url, {"view": "list", **params}).content.decode()
        return {t for t in ("Geneva CCM", "Santiago APMBC", "Joint workshop") if t in body}

    assert titles(convention="CCM") == {"Geneva CCM", "Joint workshop"}
    assert titles(convention="APMBC") == {"Santiago APMBC", "Joint workshop"}
    assert titles(city="santiago") == {"Santiago APMBC"}
    assert titles(kind="workshop") == {"Joint workshop"}
    assert titles(theme="victim-assistance") == {"Geneva CCM"}
    assert titles(convention="NOPE") == set()  # invalid filter value: no rows, not a 500


@pytest.mark.parametrize("count", [1, 3])
def test_calendar_pages_use_a_constant_number_of_queries(client, ccm, apmbc,
                                                         django_assert_num_queries, count):
    for i in range(count):
        MeetingFactory(conventions=[ccm, apmbc], start_date=D(2030, 9, 2 + i * 3),
                       thematic_areas=[ThematicAreaFactory()])
    with django_assert_num_queries(7):
        # meetings and their conventions (the grid shows no themes), cluster slots and their
        # conventions, the filter form's conventions, meeting kinds and themes
        client.get(reverse("meetings:index"), {"month": "2030-09"})
    with django_assert_num_queries(9):  # the same and the table's row count
        client.get(reverse("meetings:index"), {"view": "list"})


def test_detail_page_shows_agenda_cluster_and_eligibility(client, delegate_a, ccm, apmbc,
                                                           parties):
    meeting = MeetingFactory(conventions=[ccm], title="CCM 9MSP", start_date=D(2030, 9, 2),
                             end_date=D(2030, 9, 4), admits_observers=False)
    MeetingFactory(conventions=[apmbc], title="APMBC workshop", start_date=D(2030, 9, 6),
                   end_date=D(2030, 9, 6))
    meeting.sessions.create(date=D(2030, 9, 2), start_time=datetime.time(10),
                            end_time=datetime.time(13), title="Opening", room="XIX")
    client.force_login(delegate_a)
    body = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "Opening" in body and "XIX" in body
    assert "Part of a back-to-back cluster" in body and "APMBC workshop" in body
    assert "Delegates of Bosnia and Herzegovina may attend." in body


def test_create_meeting_form_refuses_end_before_start(client, ccm_staff, ccm):
    client.force_login(ccm_staff)
    response = client.post(reverse("meetings:create"), {
        "conventions": [ccm.pk], "kind": "msp", "title": "Bad", "city": "Geneva",
        "country": "CH", "start_date": "2031-09-05", "end_date": "2031-09-01"})
    assert response.status_code == 200
    assert "The end date cannot be before the start date." in response.content.decode()
    assert not Meeting.objects.exists()
    response = client.post(reverse("meetings:create"), {
        "conventions": [ccm.pk], "kind": "msp", "title": "CCM 21MSP", "city": "Geneva",
        "country": "CH", "start_date": "2031-09-01", "end_date": "2031-09-03",
        "admits_observers": "on"})
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response.url == f"/meetings/{meeting.pk}/"


def test_edit_page_moves_dates_with_reason(client, ccm_staff, ccm):
    meeting = MeetingFactory(conventions=[ccm], start_date=D(2031, 9, 1))
    client.force_login(ccm_staff)
    response = client.post(reverse("meetings:edit", args=[meeting.pk]), {
        "conventions": [ccm.pk], "kind": "msp", "title": meeting.title, "city": "Geneva",
        "country": "CH", "start_date": "2031-09-08", "end_date": "2031-09-10",
        "status": "confirmed", "reason": "Conference room"})
    assert response.status_code == 302
    body = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert "History of dates" in body and "Conference room" in body


def test_register_page_shows_the_refusal_for_a_non_party(client, ccm_meeting, parties):
    from accounts.enums import Role
    from tests.factories import make_user

    user = make_user(Role.FOCAL_POINT, state=parties["USA"], username="usa")
    client.force_login(user)
    response = client.post(reverse("meetings:register", args=[ccm_meeting.pk]), {
        "role": "delegate", "full_name": "Jo", "email": "jo@example.org", "state": "USA"})
    assert response.status_code == 200
    assert "is not a party to CCM" in response.content.decode()
    assert not Registration.objects.exists()


def test_register_and_approve_through_pages_with_htmx(client, delegate_a, focal_a,
                                                       ccm_meeting, parties):
    client.force_login(delegate_a)
    response = client.post(reverse("meetings:register", args=[ccm_meeting.pk]), {
        "role": "delegate", "full_name": "Emir", "email": "emir@example.org", "state": "BIH",
        "myself": "on"})
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.user == delegate_a
    client.force_login(focal_a)
    url = reverse("meetings:registration-decide",
                  args=[ccm_meeting.pk, registration.pk, "approve"])
    response = client.post(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Approved" in response.content.decode()
    assert Registration.objects.get().status == RegistrationStatus.APPROVED


def test_document_upload_checks_type_and_content(client, ccm_staff, ccm):
    from django.core.files.uploadedfile import SimpleUploadedFile

    meeting = MeetingFactory(conventions=[ccm])
    client.force_login(ccm_staff)
    url = reverse("meetings:document-upload", args=[meeting.pk])
    fake = SimpleUploadedFile("agenda.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = client.post(url, {"title": "Agenda", "file": fake})
    assert response.status_code == 200 and "is not a .pdf document" in response.content.decode()
    exe = SimpleUploadedFile("agenda.exe", b"MZ", "application/octet-stream")
    response = client.post(url, {"title": "Agenda", "file": exe})
    assert "Upload a document of one of these types" in response.content.decode()
    assert not MeetingDocument.objects.exists()
    pdf = SimpleUploadedFile("agenda.pdf", b"%PDF-1.7\n...", "application/pdf")
    assert client.post(url, {"title": "Agenda", "file": pdf}).status_code == 302
    document = MeetingDocument.objects.get()
    assert document.size == 12
    response = client.get(reverse("meetings:document-download", args=[meeting.pk, document.pk]))
    assert b"".join(response.streaming_content) == b"%PDF-1.7\n..."


def test_document_too_large_is_refused(client, ccm_staff, ccm, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MAX_UPLOAD_SIZE = 100
    meeting = MeetingFactory(conventions=[ccm])
    client.force_login(ccm_staff)
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"x" * 200, "application/pdf")
    response = client.post(reverse("meetings:document-upload", args=[meeting.pk]),
                           {"title": "Big", "file": big})
    assert "the limit is" in response.content.decode()
    assert not MeetingDocument.objects.exists()


def _registrations(meeting, parties):
    RegistrationFactory(meeting=meeting, state=parties["BIH"], full_name="Amra",
                        email="amra@example.org", status=RegistrationStatus.APPROVED)
    RegistrationFactory(meeting=meeting, state=parties["LBN"], full_name="Rania",
                        email="rania@example.org")
    RegistrationFactory(meeting=meeting, role=ParticipantRole.OBSERVER_ORGANISATION,
                        organisation="=HYPERLINK(\"x\")", full_name="Obs",
                        email="obs@example.org", status=RegistrationStatus.APPROVED)


def test_participants_export_csv_and_excel_filtered_by_state(client, ccm_staff, ccm_meeting,
                                                             parties):
    _registrations(ccm_meeting, parties)
    client.force_login(ccm_staff)
    url = reverse("meetings:participants-export", args=[ccm_meeting.pk, "csv"])
    text = client.get(url).content.decode("utf-8-sig")
    assert "Amra" in text and "Rania" in text and "'=HYPERLINK" in text
    text = client.get(url, {"state": "LBN"}).content.decode("utf-8-sig")
    assert "Rania" in text and "Amra" not in text
    response = client.get(reverse("meetings:participants-export",
                                  args=[ccm_meeting.pk, "xlsx"]), {"role": "delegate"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "Name"
    assert sorted(r[0] for r in rows[2:]) == ["Amra", "Rania"]


@pytest.mark.parametrize("count", [1, 3])
def test_participants_page_query_count(client, ccm_staff, ccm_meeting, parties, count,
                                       django_assert_num_queries):
    for i in range(count):
        RegistrationFactory(meeting=ccm_meeting, state=parties["BIH"], email=f"p{i}@x.org")
    client.force_login(ccm_staff)
    with django_assert_num_queries(9):
        response = client.get(reverse("meetings:participants", args=[ccm_meeting.pk]))
    assert response.content.decode().count('id="registration-status-') == count


def test_badges_pdf_through_generated_files(client, ccm_staff, ccm_meeting, parties,
                                            django_capture_on_commit_callbacks):
    from pypdf import PdfReader

    _registrations(ccm_meeting, parties)
    client.force_login(ccm_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:badges", args=[ccm_meeting.pk]))
    generated = GeneratedFile.objects.get()
    assert response.status_code == 302 and response.url == f"/files/{generated.pk}/"
    generated.refresh_from_db()
    assert generated.status == "done", generated.error
    text = "".join(p.extract_text() for p in PdfReader(generated.file.open("rb")).pages)
    assert "Amra" in text and "Obs" in text and "Rania" not in text  # approved only


def test_clusters_conflicts_and_state_pages(client, ccm, apmbc, parties):
    MeetingFactory(conventions=[ccm], title="CCM A", start_date=D(2031, 6, 2),
                   end_date=D(2031, 6, 3))
    MeetingFactory(conventions=[apmbc], title="APMBC B", start_date=D(2031, 6, 4),
                   end_date=D(2031, 6, 5))
    MeetingFactory(conventions=[apmbc], title="APMBC Oslo", city="Oslo", country="NO",
                   start_date=D(2031, 6, 3), end_date=D(2031, 6, 3))
    MeetingFactory(conventions=[apmbc], title="Cancelled one", start_date=D(2031, 6, 3),
                   status=MeetingStatus.CANCELLED)
    body = client.get(reverse("meetings:clusters")).content.decode()
    assert "CCM A" in body and "APMBC B" in body and "APMBC Oslo" not in body
    body = client.get(reverse("meetings:conflicts"), {"date_from": "2031-01-01"}).content.decode()
    assert "APMBC Oslo" in body and "BIH" in body and "Cancelled one" not in body
    body = client.get(reverse("meetings:state", args=["lbn"]), {"date_from": "2031-01-01"}
                      ).content.decode()
    assert "CCM A" in body  # party to CCM
    assert "APMBC Oslo" in body  # observers admitted by default


def test_home_page_shows_the_meetings_panel(client, delegate_a, ccm_meeting):
    client.force_login(delegate_a)
    body = client.get("/").content.decode()
    assert "CCM 20MSP" in body and "Meetings open to Bosnia and Herzegovina" in body


@pytest.mark.parametrize(("language", "title", "status"), [
    ("fr", "Réunions de toutes les conventions", "Confirmée"),
    ("es", "Reuniones de todas las convenciones", "Confirmada"),
    ("ar", "اجتماعات جميع الاتفاقيات", "مؤكد"),
])
def test_calendar_is_translated(client, ccm, language, title, status):
    MeetingFactory(conventions=[ccm], title="CCM 7MSP")
    client.cookies["django_language"] = language
    body = client.get(reverse("meetings:index"), {"view": "list"}).content.decode()
    assert title in body and status in body


def test_list_view_marks_clustered_meetings(client, ccm, apmbc):
    MeetingFactory(conventions=[ccm], title="First", start_date=D(2031, 6, 2),
                   end_date=D(2031, 6, 3))
    MeetingFactory(conventions=[apmbc], title="Second", start_date=D(2031, 6, 4),
                   end_date=D(2031, 6, 4))
    MeetingFactory(conventions=[apmbc], title="Alone", start_date=D(2031, 9, 4))
    body = client.get(reverse("meetings:index"), {"view": "list"}).content.decode()
    assert body.count("cluster-mark") == 2


@pytest.mark.parametrize("pairs", [1, 3])
def test_conflicts_state_and_proposals_pages_query_counts(client, api_as, ccm_staff, ccm, apmbc,
                                                          parties, pairs,
                                                          django_assert_num_queries):
    for i in range(pairs):
        base = D(2099, 3, 2) + datetime.timedelta(days=70 * i)
        MeetingFactory(conventions=[ccm], start_date=base, end_date=base)
        MeetingFactory(conventions=[apmbc], city="Oslo", country="NO", start_date=base,
                       end_date=base)
        later = base + datetime.timedelta(days=21)
        MeetingFactory(conventions=[apmbc], start_date=later, end_date=later)
    with django_assert_num_queries(7):  # slots (2), parties, meetings (3), States
        body = client.get(reverse("meetings:conflicts"), {"date_from": "2099-01-01"}
                          ).content.decode()
    assert body.count("BIH") == pairs
    with django_assert_num_queries(6):  # the State, meetings (3), cluster slots (2)
        client.get(reverse("meetings:state", args=["BIH"]), {"date_from": "2099-01-01"})
    with django_assert_num_queries(7):  # slots (2), meetings (3), conflicts API: parties, States
        response = api_as(None).get("/api/v1/meetings/conflicts/", {"date_from": "2099-01-01"})
    assert len(response.json()) == pairs
    client.force_login(ccm_staff)
    with django_assert_num_queries(8):  # session, user, roles, slots (2), meetings (3)
        body = client.get(reverse("meetings:proposals")).content.decode()
    assert body.count('name="key"') == pairs  # CCM staff may move the CCM meetings only


def test_badges_in_arabic(ccm_staff, ccm_meeting, parties):
    from pypdf import PdfReader

    from core.generated import generated_file_build_now, generated_file_request

    RegistrationFactory(meeting=ccm_meeting, state=parties["BIH"], full_name="Amra",
                        email="amra@example.org", status=RegistrationStatus.APPROVED,
                        as_observer=True)
    generated = generated_file_request(actor=ccm_staff, kind="meetings.badges",
                                       params={"meeting": ccm_meeting.pk}, language="ar")
    generated_file_build_now(generated_file_id=generated.pk)
    generated.refresh_from_db()
    assert generated.status == "done", generated.error
    text = "".join(p.extract_text() for p in PdfReader(generated.file.open("rb")).pages)
    assert "مراقب" in text and "Amra" in text
