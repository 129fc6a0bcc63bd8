"""Demo reporting data: the real obligations and forms, reports of the last cycles for the demo
States (Bosnia and Herzegovina, Lebanon in Arabic, Colombia), drafts of this cycle with a shared
victim-assistance answer, and real clearance-deadline extension requests. Idempotent."""

import datetime

from django.utils import timezone

from accounts.enums import Role
from accounts.models import RoleAssignment
from treaties.importer import import_memberships
from treaties.models import Convention, State
from treaties.reference import demo_memberships_text

from . import clearance, selectors, services
from .enums import ExtensionStatus, ReportStatus
from .forms_data import load_obligations
from .instruments import instruments_import, shipped_definition_text, shipped_definitions
from .models import ExtensionRequest, Report

D = datetime.date

ANSWERS = {
    "en": {"victim_assistance": "A national victim assistance plan coordinates health, "
                                "rehabilitation and social inclusion services.",
           "clearance": "The national mine action centre surveyed and released suspected "
                        "hazardous areas by non-technical survey and clearance.",
           "legislation": "National implementation legislation is in force."},
    "ar": {"victim_assistance": "خطة وطنية لمساعدة الضحايا تنسق الخدمات الصحية وإعادة التأهيل "
                                "والإدماج الاجتماعي.",
           "clearance": "قام المركز الوطني للأعمال المتعلقة بالألغام بمسح المناطق الخطرة "
                        "المشتبه فيها والإفراج عنها.",
           "legislation": "التشريعات الوطنية للتنفيذ سارية المفعول."},
}

# Clearance-deadline extensions as decided by the Meetings of States Parties, in order: the
# first extends the original deadline (computed from the membership, reporting.clearance), each
# later one the deadline granted before. State, convention, then per request: requested
# deadline, status, submitted on, decided on.
EXTENSIONS = [
    ("BIH", "APMBC", [
        (D(2019, 3, 1), ExtensionStatus.GRANTED, D(2008, 3, 31), D(2008, 11, 28)),
        (D(2021, 3, 1), ExtensionStatus.GRANTED, D(2018, 3, 31), D(2018, 11, 30)),
        (D(2027, 3, 1), ExtensionStatus.GRANTED, D(2020, 3, 31), D(2020, 11, 16)),
    ]),
    ("LBN", "CCM", [
        (D(2026, 5, 1), ExtensionStatus.GRANTED, D(2020, 3, 31), D(2020, 11, 25)),
    ]),
]


def _load_extensions(log):
    made = 0
    for iso3, code, chain in EXTENSIONS:
        state = State.objects.filter(iso3=iso3).first()
        convention = Convention.objects.filter(code=code).first()
        obligation = convention and selectors.extension_obligation(convention)
        membership = state and convention and state.memberships.filter(
            convention=convention).order_by("effective_on").first()
        if not (obligation and membership):
            continue
        current = clearance.original_deadline(effective_on=membership.effective_on,
                                              years=obligation.clearance_deadline_years)
        for requested, status, submitted, decided in chain:
            ExtensionRequest.objects.update_or_create(
                state=state, convention=convention, current_deadline=current,
                defaults={"article": obligation.article[:40], "requested_deadline": requested,
                          "status": status, "submitted_on": submitted,
                          "decision_meeting_on": decided,
                          "submission_due_on": clearance.request_due_on(
                              deadline=current,
                              months_before=obligation.request_due_months_before)})
            current = requested
            made += 1
    return made


def _fill(actor, report, language):
    answers = ANSWERS.get(language, ANSWERS["en"])
    for entry in report.entries.select_related("form").prefetch_related("form__fields"):
        keys = {f.key for f in entry.form.fields.all()}
        data = {k: v for k, v in answers.items() if k.replace("-", "_") in keys}
        if data:
            services.section_save(actor=actor, entry=entry, expected_version=entry.version,
                                  answers={**entry.data, **data}, agency="National mine "
                                  "action centre" if "clearance" in data else "")


def load_more_instruments(*, log):
    """The ATT, the BWC and the TPNW through the administrators' path (their definition files),
    with a few DEMO memberships: their real membership is not in the shipped UNTC extract."""
    for name in shipped_definitions():
        result = instruments_import(actor=None, text=shipped_definition_text(name))
        log(f"  {name}: {', '.join(result.conventions)}, {len(result.obligations)} obligations")
    result = import_memberships(actor=None, text=demo_memberships_text())
    log(f"  demo memberships (not depositary data): {result.created} created, "
        f"{result.updated} updated, {result.unchanged} unchanged")


def load(*, log):
    load_obligations(log=log)
    load_more_instruments(log=log)
    obligations = {o.pk: o for o in selectors.obligations_list()}
    year = timezone.localdate().year
    made = 0
    for ra in RoleAssignment.objects.filter(role=Role.FOCAL_POINT).select_related(
            "user", "state"):
        focal, state = ra.user, ra.state
        language = "ar" if state.iso3 == "LBN" else "en"
        for deadline in selectors.deadlines(years=[year - 1, year], states=[state]):
            obligation = obligations[deadline.obligation_id]
            if Report.objects.filter(state=state, obligation=obligation,
                                     cycle_year=deadline.cycle_year).exists():
                continue
            report = services.report_start(actor=focal, state=state, obligation=obligation,
                                           cycle_year=deadline.cycle_year, language=language)
            _fill(focal, report, language)
            if deadline.cycle_year < year:
                services.report_submit(actor=focal, report=report)
                Report.objects.filter(pk=report.pk).update(
                    submitted_at=timezone.make_aware(datetime.datetime.combine(
                        deadline.due_on - datetime.timedelta(days=5), datetime.time(11))),
                    status=ReportStatus.PUBLISHED)
            made += 1
    extensions = _load_extensions(log)
    log(f"Reporting: {made} demo reports, {extensions} extension requests.")
