"""Demonstration data for the sponsorship programmes (DOMAIN.md, "Sponsorship in figures"):

- the APMBC programme sponsored 27 delegates for about CHF 67,000 in 2017 (here exactly
  CHF 67,000.00: 15 at the June 2017 intersessional meetings, 12 at the 16MSP in Vienna) and
  10 delegates for CHF 24,271 at the June 2018 intersessional meetings;
- donors 2016-18: Australia, Austria, Canada, Chile, Croatia, France, the Netherlands,
  Switzerland and Turkey (the split of their gifts between years is illustrative);
- a back-to-back CCM/APMBC trip in June 2015 (CCM intersessional 22-23, APMBC 25-26);
- open applications to show the review queue (2023 CCW meeting then APMBC 21MSP).

DSA rates are editable data; the figures here are illustrative, not the UN's published rates.
Idempotent: every item is looked up before it is created.
"""

import datetime
from decimal import Decimal

from django.db.models import Sum

from accounts.models import User
from core.money import allocate, quantize
from meetings.kinds import ensure_standard_kinds
from meetings.models import Meeting
from treaties.models import Convention, State

from . import services
from .enums import ApplicationStatus as S
from .enums import DonorKind
from .models import Application, Contribution, Donor, DSARate, EligibleState, Programme

D = Decimal
d = datetime.date
TERMINAL = D("76.00")

PROGRAMMES = [
    # code, name, established, sponsors observers
    ("APMBC", "APMBC Sponsorship Programme", 2000, True),
    ("CCM", "CCM Sponsorship Programme", 2011, True),
    ("CCW", "CCW Sponsorship Programme", 2009, False),
]
BUDGETS = {"APMBC": {2016: "175000.00", 2017: "110000.00", 2018: "90000.00"},
           "CCM": {2015: "120000.00", 2017: "100000.00", 2023: "100000.00"},
           "CCW": {2023: "60000.00"}}
DONORS = {"AUS": "Australia", "AUT": "Austria", "CAN": "Canada", "CHL": "Chile",
          "HRV": "Croatia", "FRA": "France", "NLD": "Netherlands", "CHE": "Switzerland",
          "TUR": "Turkey"}
CONTRIBUTIONS = [
    # programme, donor iso3, amount, received on, earmarked year
    ("APMBC", "AUS", "25000.00", d(2016, 3, 1), None),
    ("APMBC", "AUT", "10000.00", d(2016, 4, 12), None),
    ("APMBC", "CAN", "30000.00", d(2017, 2, 20), 2017),
    ("APMBC", "CHL", "5000.00", d(2017, 3, 15), None),
    ("APMBC", "HRV", "5000.00", d(2017, 4, 3), None),
    ("APMBC", "FRA", "15000.00", d(2017, 5, 2), None),
    ("APMBC", "NLD", "20000.00", d(2017, 9, 1), None),
    ("APMBC", "CHE", "25000.00", d(2018, 1, 25), 2018),
    ("APMBC", "TUR", "5000.00", d(2018, 3, 8), None),
    ("CCM", "CHE", "40000.00", d(2015, 2, 10), None),
    ("CCM", "FRA", "20000.00", d(2015, 3, 4), None),
    ("CCM", "NLD", "25000.00", d(2023, 2, 14), None),
    ("CCW", "AUS", "20000.00", d(2023, 3, 1), None),
]
DSA_RATES = [("Geneva", "CH", d(2015, 1, 1), "400.00"), ("Geneva", "CH", d(2017, 1, 1), "410.00"),
             ("Geneva", "CH", d(2018, 6, 1), "421.00"), ("Geneva", "CH", d(2023, 1, 1), "440.00"),
             ("Vienna", "AT", d(2017, 1, 1), "300.00")]
MEETINGS = {
    # key: (convention, title, start, end, city, country)
    "ccm-ism-2015": ("CCM", "CCM Intersessional Meetings 2015", d(2015, 6, 22), d(2015, 6, 23),
                     "Geneva", "CH"),
    "apmbc-ism-2015": ("APMBC", "APMBC Intersessional Meetings 2015", d(2015, 6, 25),
                       d(2015, 6, 26), "Geneva", "CH"),
    "apmbc-ism-2017": ("APMBC", "APMBC Intersessional Meetings 2017", d(2017, 6, 8),
                       d(2017, 6, 9), "Geneva", "CH"),
    "apmbc-16msp": ("APMBC", "Sixteenth Meeting of the States Parties (APMBC)", d(2017, 12, 18),
                    d(2017, 12, 21), "Vienna", "AT"),
    "apmbc-ism-2018": ("APMBC", "APMBC Intersessional Meetings 2018", d(2018, 6, 7),
                       d(2018, 6, 8), "Geneva", "CH"),
    "ccw-2023": ("CCW", "Meeting of the High Contracting Parties to the CCW 2023",
                 d(2023, 11, 15), d(2023, 11, 17), "Geneva", "CH"),
    "apmbc-21msp": ("APMBC", "Twenty-First Meeting of the States Parties (APMBC)",
                    d(2023, 11, 20), d(2023, 11, 24), "Geneva", "CH"),
}
# (meeting, arrival, departure, States, total cost of the group or None)
COHORTS = [
    ("apmbc-ism-2017", d(2017, 6, 7), d(2017, 6, 10),
     ["AFG", "AGO", "KHM", "COL", "COD", "ETH", "IRQ", "MOZ", "SDN", "SSD", "TCD", "ZWE",
      "YEM", "SEN", "SOM"], None),
    ("apmbc-16msp", d(2017, 12, 17), d(2017, 12, 22),
     ["TJK", "THA", "UGA", "NER", "MRT", "PER", "ECU", "ERI", "LKA", "PSE", "SRB", "UKR"], None),
    ("apmbc-ism-2018", d(2018, 6, 6), d(2018, 6, 9),
     ["AFG", "AGO", "KHM", "COL", "IRQ", "SDN", "TCD", "YEM", "SEN", "TJK"], D("24271.00")),
]
APMBC_2017_TOTAL = D("67000.00")


def _meeting(key, conventions):
    code, title, start, end, city, country = MEETINGS[key]
    convention = conventions[code]
    meeting = Meeting.objects.filter(conventions=convention, start_date=start,
                                     end_date=end).first()
    if meeting is None:
        # only the fields of the meetings contract; the meetings app's own demo usually has
        # these meetings already (they are the public dates of DOMAIN.md)
        ensure_standard_kinds()  # kinds are data (meetings.MeetingKind); codes, not behaviour
        meeting = Meeting.objects.create(
            title=title, start_date=start, end_date=end, city=city, country=country,
            kind_id="intersessional" if "Intersessional" in title else "msp")
        meeting.conventions.add(convention)
    return meeting


def _sponsor(*, actor, reviewer, state, meetings, arrival, departure, airfare, name,
             until=S.SETTLED, language="en"):
    """One application taken through the workflow up to `until` (skipped if it exists)."""
    existing = Application.objects.filter(state=state, meeting_lines__meeting=meetings[0])
    if existing.exists():
        return existing.first()
    # the demo replays history: the State applied two months before the first meeting
    applied_on = meetings[0].start_date - datetime.timedelta(days=60)
    application = services.application_create(actor=actor, state=state, meetings=meetings,
                                              nominees=[{"full_name": name}], language=language,
                                              today=applied_on)
    if until == S.DRAFT:
        return application
    services.application_submit(actor=actor, application=application, today=applied_on)
    if until == S.SUBMITTED:
        return application
    services.application_start_review(actor=reviewer, application=application)
    city = meetings[-1].city
    trip = services.trip_plan(actor=reviewer, application=application,
                              nominee=application.nominees.get(), city=city, arrival=arrival,
                              departure=departure, airfare=airfare, terminal_expenses=TERMINAL)
    if until == S.UNDER_REVIEW:
        return application
    for share in trip.shares.all():
        services.cost_share_approve(actor=reviewer, share=share)
    services.application_approve(actor=reviewer, application=application)
    for step in (services.application_book_travel, services.application_mark_attended,
                 services.application_settle):
        step(actor=reviewer, application=application)
    return application


def _nights_cost(city, arrival, departure):
    total = D("0.00")
    day = arrival
    while day < departure:
        total += DSARate.objects.rate_on(city, day).amount
        day += datetime.timedelta(days=1)
    return total + TERMINAL


def load(*, log):
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        log("Sponsorship demo skipped: the demo users are missing.")
        return
    conventions = {c.code: c for c in Convention.objects.filter(
        code__in=[p[0] for p in PROGRAMMES])}
    programmes = {}
    for code, name, year, observers in PROGRAMMES:
        programmes[code], _ = Programme.objects.get_or_create(
            convention=conventions[code],
            defaults={"name": name, "established_year": year, "sponsors_observers": observers})
        for budget_year, amount in BUDGETS.get(code, {}).items():
            if not programmes[code].budgets.filter(year=budget_year).exists():
                services.programme_budget_set(actor=admin, programme=programmes[code],
                                              year=budget_year, amount=D(amount))
    for city, country, valid_from, amount in DSA_RATES:
        if not DSARate.objects.filter(city=city, valid_from=valid_from).exists():
            services.dsa_rate_set(actor=admin, city=city, country=country,
                                  valid_from=valid_from, amount=D(amount))
    states = {s.iso3: s for s in State.objects.all()}
    for iso3, name in DONORS.items():
        if iso3 in states:
            Donor.objects.get_or_create(name=name, defaults={"kind": DonorKind.STATE,
                                                             "state": states[iso3]})
    for code, iso3, amount, received_on, year in CONTRIBUTIONS:
        donor = Donor.objects.filter(state__iso3=iso3).first()
        if donor and not Contribution.objects.filter(programme=programmes[code], donor=donor,
                                                     received_on=received_on).exists():
            services.contribution_record(actor=admin, programme=programmes[code], donor=donor,
                                         amount=D(amount), received_on=received_on,
                                         earmarked_year=year)
    meetings = {key: _meeting(key, conventions) for key in MEETINGS}

    def eligible(state, code):
        EligibleState.objects.get_or_create(programme=programmes[code], state=state,
                                            year=None)

    # APMBC 2017: 27 delegates for CHF 67,000.00; June 2018: 10 delegates for CHF 24,271.00.
    cohorts = [(meetings[key], arrival, departure, [states[c] for c in codes if c in states],
                total) for key, arrival, departure, codes, total in COHORTS]
    per_trip = {id(c): _nights_cost(c[0].city, c[1], c[2]) for c in cohorts}
    fixed_2017 = sum(per_trip[id(c)] * len(c[3]) for c in cohorts[:2])
    airfares_2017 = allocate(APMBC_2017_TOTAL - fixed_2017,
                             [7 + i % 5 for i in range(sum(len(c[3]) for c in cohorts[:2]))])
    fares = iter(airfares_2017)
    for cohort in cohorts:
        meeting, arrival, departure, group, total = cohort
        fare_list = (allocate(total - per_trip[id(cohort)] * len(group),
                              [7 + i % 5 for i in range(len(group))])
                     if total is not None else [next(fares) for _ in group])
        for state, fare in zip(group, fare_list, strict=True):
            eligible(state, "APMBC")
            _sponsor(actor=admin, reviewer=admin, state=state, meetings=[meeting],
                     arrival=arrival, departure=departure, airfare=fare,
                     name=f"Delegate of {state.iso3}")
    # The back-to-back trip of June 2015: one journey, two programmes.
    bih = states.get("BIH")
    focal = User.objects.filter(username="bih.focal").first() or admin
    if bih:
        eligible(bih, "CCM")
        eligible(bih, "APMBC")
        _sponsor(actor=focal, reviewer=admin, state=bih,
                 meetings=[meetings["ccm-ism-2015"], meetings["apmbc-ism-2015"]],
                 arrival=d(2015, 6, 21), departure=d(2015, 6, 27), airfare=D("640.00"),
                 name="Amra Hadžić")
    # Open applications for the review queue: CCW 2023 then the APMBC 21MSP the next week.
    col = states.get("COL")
    if col:
        eligible(col, "CCW")
        eligible(col, "APMBC")
        col_focal = User.objects.filter(username="col.focal").first() or admin
        _sponsor(actor=col_focal, reviewer=admin, state=col,
                 meetings=[meetings["ccw-2023"], meetings["apmbc-21msp"]],
                 arrival=d(2023, 11, 14), departure=d(2023, 11, 25), airfare=D("1850.00"),
                 name="Camila Rojas", until=S.UNDER_REVIEW, language="es")
    lbn = states.get("LBN")
    if lbn:
        eligible(lbn, "APMBC")
        lbn_focal = User.objects.filter(username="lbn.focal").first() or admin
        _sponsor(actor=lbn_focal, reviewer=admin, state=lbn, meetings=[meetings["apmbc-21msp"]],
                 arrival=d(2023, 11, 19), departure=d(2023, 11, 25), airfare=D("720.00"),
                 name="Rania Haddad", until=S.SUBMITTED, language="ar")
    spent_2017 = programmes["APMBC"].shares.filter(
        trip__arrival__year=2017, trip__application__status=S.SETTLED).aggregate(
        total=Sum("amount"))["total"]
    log(f"Sponsorship: {Application.objects.count()} applications; APMBC 2017 spent "
        f"CHF {quantize(spent_2017 or 0)}.")
