"""Demonstration meetings: the real CCM, APMBC and CCW meetings listed in DOMAIN.md (public
sources), including the June 2015 back-to-back cluster and CCW + APMBC in November 2022 and
2023; plus two future entries marked "(Demo)" so that registrations and proposals can be tried.
Idempotent: a meeting already present (same title and start date) is left alone."""

import datetime

from django.utils import timezone

from accounts.models import User
from treaties.models import Convention, State, ThematicArea

from . import services
from .enums import MeetingStatus, ParticipantRole
from .kinds import ensure_standard_kinds
from .models import Meeting, Registration

D = datetime.date
GENEVA = ("Geneva", "CH")
# Codes of meeting kinds (data: meetings.MeetingKind)
MSP, REVCON, INTER, PREP, WORKSHOP = ("msp", "review_conference", "intersessional",
                                      "preparatory", "workshop")
FORMAL_THEMES = ["reporting", "universalization"]
INTER_THEMES = ["land-release", "victim-assistance", "cooperation-assistance"]

# (conventions, kind, title, city, country, start, end)
REAL_MEETINGS = [
    (["CCM"], INTER, "CCM Intersessional Meetings 2015", *GENEVA, D(2015, 6, 22), D(2015, 6, 23)),
    (["CCM"], PREP, "CCM First Review Conference, preparatory meeting", *GENEVA,
     D(2015, 6, 24), D(2015, 6, 24)),
    (["APMBC"], INTER, "APMBC Intersessional Meetings 2015", *GENEVA, D(2015, 6, 25),
     D(2015, 6, 26)),
    (["CCM"], REVCON, "CCM First Review Conference", "Dubrovnik", "HR", D(2015, 9, 7),
     D(2015, 9, 11)),
    (["APMBC"], MSP, "APMBC Fourteenth Meeting of the States Parties", *GENEVA, D(2015, 11, 30),
     D(2015, 12, 4)),
    (["APMBC"], INTER, "APMBC Intersessional Meetings 2016", *GENEVA, D(2016, 5, 19),
     D(2016, 5, 20)),
    (["CCM"], MSP, "CCM Sixth Meeting of States Parties", *GENEVA, D(2016, 9, 5), D(2016, 9, 7)),
    (["APMBC"], MSP, "APMBC Fifteenth Meeting of the States Parties", "Santiago", "CL",
     D(2016, 11, 28), D(2016, 12, 1)),
    (["APMBC"], INTER, "APMBC Intersessional Meetings 2017", *GENEVA, D(2017, 6, 8),
     D(2017, 6, 9)),
    (["CCM"], MSP, "CCM Seventh Meeting of States Parties", *GENEVA, D(2017, 9, 4), D(2017, 9, 6)),
    (["APMBC"], MSP, "APMBC Sixteenth Meeting of the States Parties", "Vienna", "AT",
     D(2017, 12, 18), D(2017, 12, 21)),
    (["APMBC"], INTER, "APMBC Intersessional Meetings 2018", *GENEVA, D(2018, 6, 7),
     D(2018, 6, 8)),
    (["CCM"], MSP, "CCM Eighth Meeting of States Parties", *GENEVA, D(2018, 9, 3), D(2018, 9, 5)),
    (["APMBC"], MSP, "APMBC Seventeenth Meeting of the States Parties", *GENEVA,
     D(2018, 11, 26), D(2018, 11, 30)),
    (["APMBC"], INTER, "APMBC Intersessional Meetings 2019", *GENEVA, D(2019, 5, 22),
     D(2019, 5, 24)),
    (["CCM"], MSP, "CCM Ninth Meeting of States Parties", *GENEVA, D(2019, 9, 2), D(2019, 9, 4)),
    (["APMBC"], REVCON, "APMBC Fourth Review Conference (Oslo)", "Oslo", "NO", D(2019, 11, 25),
     D(2019, 11, 29)),
    (["CCM"], INTER, "CCM Intersessional Meetings 2022", *GENEVA, D(2022, 5, 16),
     D(2022, 5, 17)),
    (["APMBC"], INTER, "APMBC Intersessional Meetings 2022", *GENEVA, D(2022, 6, 20),
     D(2022, 6, 22)),
    (["CCM"], MSP, "CCM Tenth Meeting of States Parties", *GENEVA, D(2022, 8, 30), D(2022, 9, 2)),
    (["CCW"], MSP, "CCW Meeting of the High Contracting Parties 2022", *GENEVA, D(2022, 11, 16),
     D(2022, 11, 18)),
    (["APMBC"], MSP, "APMBC Twentieth Meeting of the States Parties", *GENEVA, D(2022, 11, 21),
     D(2022, 11, 25)),
    (["APMBC"], INTER, "APMBC Intersessional Meetings 2023", *GENEVA, D(2023, 6, 19),
     D(2023, 6, 21)),
    (["CCM"], MSP, "CCM Eleventh Meeting of States Parties", *GENEVA, D(2023, 9, 11),
     D(2023, 9, 14)),
    (["CCW"], MSP, "CCW Meeting of the High Contracting Parties 2023", *GENEVA, D(2023, 11, 15),
     D(2023, 11, 17)),
    (["APMBC"], MSP, "APMBC Twenty-First Meeting of the States Parties", *GENEVA,
     D(2023, 11, 20), D(2023, 11, 24)),
    (["APMBC"], INTER, "APMBC Intersessional Meetings 2024", *GENEVA, D(2024, 6, 18),
     D(2024, 6, 20)),
    (["CCM"], MSP, "CCM Twelfth Meeting of States Parties", *GENEVA, D(2024, 9, 10),
     D(2024, 9, 13)),
    (["CCW"], MSP, "CCW Meeting of the High Contracting Parties 2024", *GENEVA, D(2024, 11, 13),
     D(2024, 11, 15)),
    (["APMBC"], REVCON, "APMBC Fifth Review Conference (Siem Reap)", "Siem Reap", "KH",
     D(2024, 11, 25), D(2024, 11, 29)),
]

DEMO_NOTE = "Illustrative entry for the demonstration, not a real meeting."


def _demo_meetings(today):
    """Two future entries, a few weeks apart in Geneva, so the proposals page has work."""
    year = today.year + 1
    return [
        (["CCM"], INTER, f"(Demo) CCM Intersessional Meetings {year}", *GENEVA,
         D(year, 5, 10), D(year, 5, 11)),
        (["APMBC", "CCM"], WORKSHOP,
         f"(Demo) Joint workshop on victim assistance {year}", *GENEVA, D(year, 6, 3),
         D(year, 6, 4)),
    ]


def load(*, log):
    ensure_standard_kinds()
    conventions = {c.code: c for c in Convention.objects.all()}
    themes = {t.code: t for t in ThematicArea.objects.all()}
    today = timezone.localdate()
    created = 0
    for spec in [*REAL_MEETINGS, *_demo_meetings(today)]:
        codes, kind, title, city, country, start, end = spec
        if Meeting.objects.filter(title=title, start_date=start).exists():
            continue
        is_demo = title.startswith("(Demo)")
        theme_codes = INTER_THEMES if kind in (INTER, WORKSHOP) else FORMAL_THEMES
        services.meeting_create(
            actor=None, conventions=[conventions[c] for c in codes],
            thematic_areas=[themes[t] for t in theme_codes if t in themes],
            kind=kind, title=title, city=city, country=country, start_date=start, end_date=end,
            status=(MeetingStatus.PLANNED if is_demo else
                    MeetingStatus.HELD if end < today else MeetingStatus.CONFIRMED),
            venue="Palais des Nations" if codes == ["CCW"] else "",
            description=DEMO_NOTE if is_demo else "",
            registration_deadline=start - datetime.timedelta(days=21) if is_demo else None,
            admits_observers=True,
        )
        created += 1
    _demo_registrations(today)
    log(f"Meetings: {created} created ({Meeting.objects.count()} in all).")


def _demo_registrations(today):
    """The demo delegate of Bosnia and Herzegovina registers for the demo CCM meeting."""
    meeting = Meeting.objects.filter(title__startswith="(Demo) CCM").order_by("start_date").first()
    delegate = User.objects.filter(username="bih.delegate").first()
    state = State.objects.filter(iso3="BIH").first()
    if not (meeting and delegate and state) or meeting.registration_deadline < today:
        return
    if Registration.objects.filter(meeting=meeting, email__iexact=delegate.email).exists():
        return
    services.registration_create(actor=None, meeting=meeting, role=ParticipantRole.DELEGATE,
                                 full_name=str(delegate), email=delegate.email, state=state,
                                 user=delegate)
