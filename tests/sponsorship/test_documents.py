"""The award letter and the annual report: built through core.generated, in the application's
language; the Arabic letter keeps its text (extracted back with pypdf)."""

import datetime
import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from core.enums import GeneratedFileStatus
from core.models import AuditEntry, GeneratedFile
from sponsorship import services, tasks
from sponsorship.models import Application, CostShare
from tests.factories.sponsorship import FUTURE_YEAR

pytestmark = pytest.mark.django_db
JUN = lambda day: datetime.date(FUTURE_YEAR, 6, day)  # noqa: E731


def _text(generated: GeneratedFile) -> str:
    generated.refresh_from_db()
    assert generated.status == GeneratedFileStatus.DONE, generated.error
    with generated.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def _approved(focal, state, meetings, host, language, capture):
    application = services.application_create(
        actor=focal, state=state, meetings=meetings, language=language,
        nominees=[{"full_name": "Amra Hodžić"}])
    services.application_submit(actor=focal, application=application)
    services.application_start_review(actor=host, application=application)
    services.trip_plan(actor=host, application=application, nominee=application.nominees.get(),
                       city="Geneva", arrival=JUN(21), departure=JUN(27),
                       airfare=Decimal("1200.00"), terminal_expenses=Decimal("80.00"))
    for share in CostShare.objects.filter(trip__application=application):
        services.cost_share_approve(actor=host, share=share)
    with capture(execute=True):
        services.application_approve(actor=host, application=application)
    return Application.objects.get(pk=application.pk)


def test_arabic_award_letter_has_joined_arabic_text(focal_a, eligible_a, funded, june,
                                                    geneva_rates, host_staff,
                                                    django_capture_on_commit_callbacks):
    application = _approved(focal_a, eligible_a, [june["CCM"], june["APMBC"]],
                            host_staff, "ar", django_capture_on_commit_callbacks)
    assert application.award_letter.language == "ar"
    text = _text(application.award_letter)
    for words in ("رسالة منح الرعاية", "يسرنا أن نبلغكم", "المندوب", "برعاية"):
        assert words in text
    # amounts follow the Arabic number format (decimal comma)
    assert "Amra Hodžić" in text and "2480,00" in text and "1200,00" in text
    assert "Sponsorship award letter" not in text


def test_french_award_letter(focal_a, eligible_a, funded, june, geneva_rates, host_staff,
                             django_capture_on_commit_callbacks):
    application = _approved(focal_a, eligible_a, [june["CCM"]], host_staff, "fr",
                            django_capture_on_commit_callbacks)
    text = _text(application.award_letter)
    assert "Lettre d'octroi de parrainage" in text
    assert "CCM intersessional" in text


def test_focal_point_of_another_state_cannot_download_the_letter(
        client, focal_a, focal_b, eligible_a, funded, june, geneva_rates, host_staff,
        django_capture_on_commit_callbacks):
    application = _approved(focal_a, eligible_a, [june["CCM"]], host_staff, "en",
                            django_capture_on_commit_callbacks)
    client.force_login(focal_b)
    url = f"/files/{application.award_letter_id}/download/"
    assert client.get(url).status_code == 404
    client.force_login(focal_a)
    assert client.get(url).status_code == 200


def test_annual_report_to_donors(funded, june, focal_a, eligible_a, geneva_rates,
                                 host_staff, django_capture_on_commit_callbacks):
    _approved(focal_a, eligible_a, [june["CCM"], june["APMBC"]], host_staff, "en",
              django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        generated = services.programme_report_request(actor=host_staff,
                                                      programme=funded["APMBC"],
                                                      year=FUTURE_YEAR,
                                                      language="es")
    text = _text(generated)
    assert "Informe anual a los" in text and "Recibido" in text
    assert "1 delegado patrocinado" in text
    assert "CHF 1280,00 frente a viajes separados" in text  # APMBC's saving on the joint trip


def test_award_letter_scan_is_idempotent(focal_a, eligible_a, funded, june, geneva_rates,
                                         host_staff, django_capture_on_commit_callbacks):
    application = _approved(focal_a, eligible_a, [june["CCM"]], host_staff, "en",
                            django_capture_on_commit_callbacks)
    application.award_letter.status = GeneratedFileStatus.FAILED
    application.award_letter.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.award_letters_ensure.delay().get() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.award_letters_ensure.delay().get() == 0
    application.refresh_from_db()
    assert application.award_letter.status == GeneratedFileStatus.DONE
    assert GeneratedFile.objects.filter(kind="sponsorship.award_letter").count() == 2
    scanned = AuditEntry.objects.get(action="sponsorship.application.award_letter")
    assert scanned.actor.username == "system"
