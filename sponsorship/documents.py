"""The programmes' PDFs, built by core.generated in Celery: the award letter (in the language
of the application) and a programme's annual report to its donors."""

from django.utils import timezone

from core.pdf import render_pdf

from . import rules, selectors
from .models import Application, Programme, Trip


def _application(params):
    return (Application.objects.select_related("state")
            .prefetch_related("meeting_lines__meeting", "meeting_lines__programme",
                              "nominees", "trips__shares__programme", "trips__nominee")
            .get(pk=params["application_id"]))


def build_award_letter(params: dict, language: str) -> tuple[bytes, str]:
    application = _application(params)
    trips = {trip.nominee_id: trip for trip in application.trips.all()}
    delegates = [(nominee, trips.get(nominee.pk)) for nominee in application.nominees.all()]
    pdf = render_pdf("pdf/sponsorship/award_letter.html", {
        "application": application,
        "lines": application.meeting_lines.all(),
        "delegates": delegates,
        "programmes": sorted({line.programme.name for line in application.meeting_lines.all()}),
        "today": timezone.localdate(),
    }, language=language)
    return pdf, f"award-letter-{application.pk}-{language}.pdf"


def can_request_award_letter(user, params: dict) -> bool:
    application = Application.objects.filter(pk=params.get("application_id")).first()
    return application is not None and rules.can_view_application(user, application)


def build_programme_report(params: dict, language: str) -> tuple[bytes, str]:
    programme = Programme.objects.select_related("convention").get(pk=params["programme_id"])
    year = int(params["year"])
    position = selectors.position_of(programme)
    contributions = (selectors.contributions_for_user_unchecked()
                     .filter(programme=programme, received_on__year=year))
    trips = (Trip.objects.filter(shares__programme=programme, arrival__year=year,
                                 pk__in=selectors.counted_shares([programme.pk]).values("trip_id"))
             .select_related("nominee", "application__state")
             .prefetch_related("shares__programme").distinct().order_by("arrival"))
    rows = []
    for trip in trips:
        share = next(s for s in trip.shares.all() if s.programme_id == programme.pk)
        rows.append({"trip": trip, "share": share,
                     "joint": len(trip.shares.all()) > 1})
    savings = [row for row in selectors.savings_by_programme_and_year([programme.pk])
               if row["year"] == year]
    pdf = render_pdf("pdf/sponsorship/programme_report.html", {
        "programme": programme, "year": year, "position": position,
        "contributions": contributions, "rows": rows,
        "delegates": len(rows), "spent": sum((r["share"].amount for r in rows), 0),
        "savings": savings[0] if savings else None,
        "budget": programme.budgets.filter(year=year).first(),
        "today": timezone.localdate(),
    }, language=language)
    return pdf, f"{programme.code.lower()}-sponsorship-{year}-{language}.pdf"


def can_request_programme_report(user, params: dict) -> bool:
    programme = Programme.objects.filter(pk=params.get("programme_id")).first()
    return programme is not None and rules.can_view_programme_finances(user, programme)

