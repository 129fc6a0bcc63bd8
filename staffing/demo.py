"""Demo staffing: the CCM ISU with 2.5 FTE and the APMBC ISU with 2.6 FTE (report ¶8), a
victim-assistance expert shared part-time, an external consultant charging days, from 2018 a
CCM specialist consulting for the APMBC ISU, and the CCM ISU's 2016 figures (¶3): CHF 291,719
of staff cost, CHF 370,824 spent, budget CHF 455,000. Names are invented."""

import datetime
from decimal import Decimal

from accounts.enums import Role
from accounts.models import RoleAssignment, User
from accounts.services import system_actor
from treaties.models import ISU
from treaties.services import isu_budget_set

from . import services
from .enums import AbsenceKind, AssignmentKind, AssignmentStatus, ChargeUnit
from .models import Absence, Assignment, Backstop, Duty, Post, Spending, StaffCost, StaffMember

D = Decimal
START = datetime.date(2015, 1, 1)

POSTS = {
    # (isu, title): grade, fte, approved by, work plan
    ("CCM", "Director"): ("P-5", "1", "First Review Conference (Dubrovnik, 2015)",
                          "Dubrovnik Action Plan 2015–2020"),
    ("CCM", "Implementation Support Specialist"): (
        "P-3", "1", "First Review Conference (Dubrovnik, 2015)",
        "Dubrovnik Action Plan 2015–2020"),
    ("CCM", "Victim Assistance Specialist"): (
        "P-3", "0.5", "First Review Conference (Dubrovnik, 2015)",
        "Dubrovnik Action Plan 2015–2020"),
    ("APMBC", "Director"): ("P-5", "1", "Third Review Conference (Maputo, 2014)",
                            "Maputo Action Plan 2014–2019"),
    ("APMBC", "Implementation Support Specialist"): (
        "P-3", "1", "Third Review Conference (Maputo, 2014)", "Maputo Action Plan 2014–2019"),
    ("APMBC", "Victim Assistance Specialist"): (
        "P-3", "0.5", "Third Review Conference (Maputo, 2014)", "Maputo Action Plan 2014–2019"),
    ("APMBC", "Article 5 Extension Adviser"): (
        "Consultant", "0.2", "14MSP (Geneva, 2015)", "Maputo Action Plan 2014–2019"),
}

PEOPLE = {
    # name: home unit, expertise, portal user
    "Jonas Keller": ("CCM", "governance, universalization", None),
    "Clara Martin": ("CCM", "reporting, land release", "ccm.staff"),
    "Nadia Rahman": ("APMBC", "victim assistance", None),
    "Ingrid Solberg": ("APMBC", "governance, extension requests", None),
    "Anders Berg": ("APMBC", "land release, cooperation and assistance", "apmbc.staff"),
    "Luis Ortega": (None, "Article 5 extension requests", None),
}

ASSIGNMENTS = [
    # person, (isu, post), fte or (unit, charged), starts, ends
    ("Jonas Keller", ("CCM", "Director"), "1", START, None),
    ("Clara Martin", ("CCM", "Implementation Support Specialist"), "1", START,
     datetime.date(2017, 12, 31)),
    ("Clara Martin", ("CCM", "Implementation Support Specialist"), "0.8",
     datetime.date(2018, 1, 1), None),
    ("Clara Martin", ("APMBC", "Article 5 Extension Adviser"), (ChargeUnit.DAYS, "44"),
     datetime.date(2018, 1, 1), None),
    ("Nadia Rahman", ("CCM", "Victim Assistance Specialist"), "0.5", START, None),
    ("Nadia Rahman", ("APMBC", "Victim Assistance Specialist"), "0.5", START, None),
    ("Ingrid Solberg", ("APMBC", "Director"), "1", START, None),
    ("Anders Berg", ("APMBC", "Implementation Support Specialist"), "1", START, None),
    ("Luis Ortega", ("APMBC", "Article 5 Extension Adviser"), (ChargeUnit.DAYS, "22"), START,
     datetime.date(2017, 12, 31)),
]

COSTS = {
    # person: year -> (salary, social charges)
    "Jonas Keller": {2016: ("124000", "26000"), 2017: ("125500", "26300")},
    "Clara Martin": {2016: ("63400", "13319"), 2017: ("64200", "13480")},
    "Nadia Rahman": {2016: ("107400", "22600"), 2017: ("108700", "22850")},
    "Ingrid Solberg": {2016: ("136000", "29000"), 2017: ("137500", "29300")},
    "Anders Berg": {2016: ("81000", "17000"), 2017: ("82000", "17200")},
    "Luis Ortega": {2016: ("19800", "0"), 2017: ("19800", "0")},
}

SPENDING = {
    # CCM 2016: 291,719 + 38,250 + 27,655 + 13,200 = 370,824 (¶3)
    ("CCM", 2016): {"staff": "291719", "travel": "38250", "meetings": "27655", "other": "13200"},
    ("CCM", 2017): {"staff": "295180", "travel": "41000", "meetings": "30500", "other": "14100"},
    ("APMBC", 2016): {"staff": "347800", "travel": "61000", "meetings": "45500", "other": "32000"},
    ("APMBC", 2017): {"staff": "351225", "travel": "58500", "meetings": "47000", "other": "30500"},
}

DUTIES = {
    # (isu, duty): holder, backups in order of call (colleagues of the other unit too)
    ("CCM", "Article 7 transparency reports"): ("Clara Martin", ["Anders Berg"]),
    ("CCM", "Meetings of States Parties"): ("Jonas Keller", ["Clara Martin"]),
    ("CCM", "Victim assistance"): ("Nadia Rahman", []),
    ("APMBC", "Article 5 extension requests"): ("Anders Berg", ["Luis Ortega", "Clara Martin"]),
    ("APMBC", "Sponsorship Programme advice"): ("Ingrid Solberg", ["Anders Berg"]),
    ("APMBC", "Victim assistance"): ("Nadia Rahman", ["Anders Berg"]),
}

ABSENCES = [
    ("Nadia Rahman", AbsenceKind.LEAVE, datetime.date(2017, 8, 14), datetime.date(2017, 8, 25)),
    ("Anders Berg", AbsenceKind.MISSION, datetime.date(2017, 8, 21), datetime.date(2017, 8, 24)),
    ("Clara Martin", AbsenceKind.MISSION, datetime.date(2017, 11, 27),
     datetime.date(2017, 11, 30)),
]


def _requester(post, system):
    """Who asks for an assignment: a staff member of the post's unit where the demo has one
    (so another unit's person is requested and then consented), else the system."""
    role = (RoleAssignment.objects.filter(role=Role.ISU_STAFF,
                                          convention_id=post.isu.convention_id)
            .select_related("user").order_by("pk").first())
    return role.user if role else system


def load(*, log):
    system = system_actor()
    isus = {isu.convention.code: isu for isu in ISU.objects.select_related("convention")
            .filter(convention__code__in=["CCM", "APMBC"])}
    if len(isus) < 2:
        log("Staffing demo skipped: the CCM and APMBC ISUs are missing.")
        return
    for (code, year), amount in {("CCM", 2016): "455000"}.items():
        if not isus[code].budgets.filter(year=year).exists():
            isu_budget_set(actor=system, isu=isus[code], year=year, amount=D(amount))
    posts = {}
    for (code, title), (grade, fte, approved_by, work_plan) in POSTS.items():
        post = Post.objects.filter(isu=isus[code], title=title).first()
        posts[code, title] = post or services.post_create(
            actor=system, isu=isus[code], title=title, grade=grade, fte=D(fte),
            approved_from=START, approved_by=approved_by, work_plan=work_plan)
    people = {}
    for name, (home, expertise, username) in PEOPLE.items():
        person = StaffMember.objects.filter(full_name=name).first()
        people[name] = person or services.staff_member_create(
            actor=system, full_name=name, home_isu=isus.get(home), expertise=expertise,
            user=User.objects.filter(username=username).first() if username else None)
    for name, key, share, starts, ends in ASSIGNMENTS:
        if Assignment.objects.filter(staff_member=people[name], post=posts[key],
                                     starts_on=starts).exists():
            continue
        terms = ({"kind": AssignmentKind.CONSULTING, "charge_unit": share[0],
                  "charged_per_year": D(share[1])} if isinstance(share, tuple)
                 else {"fte": D(share)})
        assignment = services.assignment_create(
            actor=_requester(posts[key], system), staff_member=people[name], post=posts[key],
            starts_on=starts, ends_on=ends, **terms)
        if assignment.status == AssignmentStatus.PENDING:
            # another unit's person: in force once consented (the demo consents for the unit)
            services.assignment_consent(actor=system, assignment=assignment,
                                        note="Agreed between the two units (demo)")
    for name, years in COSTS.items():
        for year, (salary, charges) in years.items():
            if not StaffCost.objects.filter(staff_member=people[name], year=year).exists():
                services.staff_cost_set(actor=system, staff_member=people[name], year=year,
                                        salary=D(salary), social_charges=D(charges))
    for (code, year), categories in SPENDING.items():
        for category, amount in categories.items():
            if not Spending.objects.filter(isu=isus[code], year=year,
                                           category=category).exists():
                services.spending_set(actor=system, isu=isus[code], year=year,
                                      category=category, amount=D(amount))
    for (code, name), (holder, backups) in DUTIES.items():
        duty = Duty.objects.filter(isu=isus[code], name=name).first() or services.duty_create(
            actor=system, isu=isus[code], name=name, holder=people[holder])
        for backup in backups:
            if not Backstop.objects.filter(duty=duty, backup=people[backup]).exists():
                services.backstop_add(actor=system, duty=duty, backup=people[backup])
    for name, kind, starts, ends in ABSENCES:
        if not Absence.objects.filter(staff_member=people[name], starts_on=starts).exists():
            services.absence_record(actor=system, staff_member=people[name], kind=kind,
                                    starts_on=starts, ends_on=ends)
    log("Staffing: CCM 2.5 FTE and APMBC 2.6 FTE in 2017, CCM 2016 staff cost CHF 291,719.")
