"""The real reporting obligations and their forms, as data. `load_obligations()` writes them
(idempotent; run by `manage.py load_reporting_forms` and by the demo)."""

from django.db import transaction

from treaties.models import Convention
from treaties.reference import load_thematic_areas

from .enums import DueRule, FieldType, ObligationKind, PeriodCovered
from .models import FormField, Obligation, ReportForm

T, LT, INT, DEC, DATE, BOOL, CHOICE = (
    FieldType.TEXT, FieldType.LONG_TEXT, FieldType.INTEGER, FieldType.DECIMAL, FieldType.DATE,
    FieldType.BOOLEAN, FieldType.CHOICE)

# A shared field is named by its key; its theme is the thematic area (treaties.reference
# THEMATIC_AREAS, the one vocabulary) of the same code unless this table names another.
SHARED_FIELD_THEME = {
    "clearance": "land-release",
    "cooperation": "cooperation-assistance",
    "stockpiles": "stockpile-destruction",
}


# A theme's shared field: same key in every form that carries it, offered across reports.
def shared(name, label="Narrative"):
    return (name.replace("-", "_"), f"{label}", LT,
            {"theme": SHARED_FIELD_THEME.get(name, name)})


def f(key, label, kind=T, **extra):
    return (key, label, kind, extra)


def count(key, label):
    """A number of things or square metres: a whole number, never negative."""
    return f(key, label, INT, min_value=0)


def amount(key, label):
    """An amount of money: exact to the cent, never negative."""
    return f(key, label, DEC, min_value=0, decimal_places=2)


ARTICLE7_CCM_FORMS = [
    ("A", "National implementation measures", "Art. 7(1)(a)", False, [
        f("legislation_adopted", "Legislation adopted", BOOL),
        f("legislation_title", "Title and date of the legislation"),
        shared("legislation", "Measures taken (Article 9)"),
    ]),
    ("B", "Stockpiles and destruction", "Art. 7(1)(b), (e)", False, [
        count("cluster_munitions", "Cluster munitions stockpiled"),
        count("submunitions", "Explosive submunitions stockpiled"),
        count("destroyed_in_period", "Cluster munitions destroyed during the period"),
        f("destruction_completed_on", "Stockpile destruction completed on", DATE),
        shared("stockpiles", "Destruction programme and methods"),
    ]),
    ("C", "Technical characteristics", "Art. 7(1)(c)", False, [
        f("types", "Types produced or owned", LT),
    ]),
    ("D", "Cluster munitions retained and transferred", "Art. 7(1)(d); Art. 3(6)–(7)", False, [
        count("retained", "Cluster munitions retained"),
        count("transferred", "Cluster munitions transferred"),
        f("purpose", "Purpose of retention or transfer", LT),
    ]),
    ("E", "Production facilities", "Art. 7(1)(d)", False, [
        f("status", "Status of conversion or decommissioning", CHOICE,
          choices=["none", "in_progress", "completed"]),
        f("details", "Details", LT),
    ]),
    ("F", "Contaminated areas and clearance", "Art. 7(1)(h); Art. 4", False, [
        count("area_contaminated_m2", "Contaminated area (m²)"),
        count("area_cleared_m2", "Area cleared during the period (m²)"),
        count("submunitions_destroyed", "Submunitions destroyed during clearance"),
        shared("clearance", "Clearance and land release"),
    ]),
    ("G", "Risk reduction and warnings", "Art. 7(1)(i)", False, [
        shared("risk-education", "Risk reduction education and warnings"),
    ]),
    ("H", "Victim assistance", "Art. 7(1)(k); Art. 5", False, [
        f("focal_point", "Victim assistance focal point"),
        shared("victim-assistance", "Victim assistance"),
    ]),
    ("I", "Resources and cooperation and assistance", "Art. 7(1)(l)–(m); Art. 6", False, [
        amount("national_resources", "National resources allocated (USD)"),
        shared("cooperation", "Cooperation and assistance given or received"),
    ]),
    ("J", "Other", "Art. 7(1)(g), Art. 21", False, [
        f("other", "Other matters", LT),
    ]),
]

ARTICLE7_APMBC_FORMS = [
    ("A", "National implementation measures", "Art. 7(1)(a); Art. 9", False, [
        f("legislation_adopted", "Legislation adopted", BOOL),
        shared("legislation", "Measures taken (Article 9)"),
    ]),
    ("B", "Stockpiled anti-personnel mines", "Art. 7(1)(b)", False, [
        count("mines_stockpiled", "Anti-personnel mines stockpiled"),
        shared("stockpiles", "Stockpile and its destruction"),
    ]),
    ("C", "Location of mined areas", "Art. 7(1)(c)", False, [
        count("areas_known", "Areas known or suspected to contain mines"),
        count("area_m2", "Total area (m²)"),
        shared("clearance", "Clearance and land release"),
    ]),
    ("D", "Mines retained or transferred", "Art. 7(1)(d); Art. 3", False, [
        count("retained", "Mines retained for training and development"),
        count("transferred", "Mines transferred for destruction"),
    ]),
    ("E", "Conversion or decommissioning of production facilities", "Art. 7(1)(e)", False, [
        f("status", "Status", CHOICE, choices=["none", "in_progress", "completed"]),
        f("details", "Details", LT),
    ]),
    ("F", "Programmes for the destruction of mines", "Art. 7(1)(f); Arts. 4 and 5", False, [
        f("programme", "Destruction programmes, methods, sites, safety standards", LT),
    ]),
    ("G", "Mines destroyed after entry into force", "Art. 7(1)(g)", False, [
        count("stockpiled_destroyed", "Stockpiled mines destroyed"),
        count("cleared_destroyed", "Mines destroyed in mined areas"),
    ]),
    ("H", "Technical characteristics", "Art. 7(1)(h)", False, [
        f("types", "Types produced, owned or possessed", LT),
    ]),
    ("I", "Warning the population", "Art. 7(1)(i)", False, [
        shared("risk-education", "Measures to warn the population"),
    ]),
    ("J", "Victim assistance and cooperation (voluntary)", "Art. 6", True, [
        shared("victim-assistance", "Victim assistance"),
        shared("cooperation", "Cooperation and assistance"),
    ]),
]

APII_FORMS = [
    ("A", "Dissemination of information", "Art. 13(4)(a)", False, [
        f("armed_forces", "Dissemination to the armed forces", LT),
        f("civilians", "Dissemination to the civilian population", LT),
    ]),
    ("B", "Mine clearance and rehabilitation programmes", "Art. 13(4)(b)", False, [
        count("area_cleared_m2", "Area cleared (m²)"),
        shared("clearance", "Clearance and rehabilitation"),
    ]),
    ("C", "Technical requirements of the Protocol", "Art. 13(4)(c)", False, [
        f("steps", "Steps taken to meet the technical requirements", LT),
    ]),
    ("D", "Legislation", "Art. 13(4)(d); Art. 14", False, [
        shared("legislation", "Legislation related to the Protocol"),
    ]),
    ("E", "International technical information exchange, cooperation and assistance",
     "Art. 13(4)(e); Art. 11", False, [
        shared("cooperation", "Cooperation and assistance"),
    ]),
    ("F", "Other relevant matters", "Art. 13(4)(f)", False, [
        f("other", "Other relevant matters", LT),
    ]),
    ("G", "Victim assistance", "Art. 13(4)(g)", False, [
        shared("victim-assistance", "Victim assistance"),
    ]),
]

PROTOCOL_V_FORMS = [
    ("A", "Clearance, removal or destruction of explosive remnants of war", "Art. 3", False, [
        count("area_cleared_m2", "Area cleared (m²)"),
        shared("clearance", "Clearance of explosive remnants of war"),
    ]),
    ("B", "Recording, retaining and transmission of information", "Art. 4", False, [
        f("recording", "Information recorded and transmitted", LT),
    ]),
    ("C", "Other precautions for the protection of civilians", "Art. 5", False, [
        shared("risk-education", "Risk education, warnings, marking"),
    ]),
    ("D", "Protection of humanitarian missions", "Art. 6", False, [
        f("missions", "Provisions for humanitarian missions", LT),
    ]),
    ("E", "Cooperation and assistance", "Arts. 7 and 8", False, [
        shared("cooperation", "Cooperation and assistance"),
    ]),
    ("F", "Victim assistance", "Art. 8(2)", False, [
        shared("victim-assistance", "Victim assistance"),
    ]),
    ("G", "Generic preventive measures", "Art. 9", False, [
        f("measures", "Generic preventive measures", LT),
    ]),
]

COMPLIANCE_FORMS = [
    ("A", "Dissemination of information on the Convention and its Protocols", "", False, [
        f("dissemination", "Dissemination to armed forces and the civilian population", LT),
    ]),
    ("B", "Legislation and penal sanctions", "", False, [
        shared("legislation", "Legislative and other measures, penal sanctions"),
    ]),
    ("C", "Instructions to the armed forces", "", False, [
        f("instructions", "Military manuals, instructions and training", LT),
    ]),
    ("D", "Other relevant matters", "", False, [
        f("other", "Other relevant matters", LT),
    ]),
]

# convention, code, kind, name (en, fr, es, ar), article, rule, its numbers and links, forms.
# The period covered follows the rule (PeriodCovered.FOR_RULE) unless "period_covered" is given;
# an annual report names its initial report and whether that one stands in for it.
OBLIGATIONS = [
    ("CCM", "ccm-art7-initial", ObligationKind.INITIAL,
     ("Article 7 initial transparency report", "Rapport initial de transparence (article 7)",
      "Informe inicial de transparencia (artículo 7)", "تقرير الشفافية الأولي (المادة 7)"),
     "Article 7(1)", DueRule.DAYS_AFTER_ENTRY_INTO_FORCE, {"due_days": 180},
     ARTICLE7_CCM_FORMS),
    ("CCM", "ccm-art7-annual", ObligationKind.ANNUAL,
     ("Article 7 annual transparency report", "Rapport annuel de transparence (article 7)",
      "Informe anual de transparencia (artículo 7)", "تقرير الشفافية السنوي (المادة 7)"),
     "Article 7(2)", DueRule.ANNUAL_FIXED_DATE,
     {"due_month": 4, "due_day": 30, "initial_report": "ccm-art7-initial",
      "initial_stands_in": True}, ARTICLE7_CCM_FORMS),
    ("APMBC", "apmbc-art7-initial", ObligationKind.INITIAL,
     ("Article 7 initial transparency report", "Rapport initial de transparence (article 7)",
      "Informe inicial de transparencia (artículo 7)", "تقرير الشفافية الأولي (المادة 7)"),
     "Article 7(1)", DueRule.DAYS_AFTER_ENTRY_INTO_FORCE, {"due_days": 180},
     ARTICLE7_APMBC_FORMS),
    ("APMBC", "apmbc-art7-annual", ObligationKind.ANNUAL,
     ("Article 7 annual transparency report", "Rapport annuel de transparence (article 7)",
      "Informe anual de transparencia (artículo 7)", "تقرير الشفافية السنوي (المادة 7)"),
     "Article 7(2)", DueRule.ANNUAL_FIXED_DATE,
     {"due_month": 4, "due_day": 30, "initial_report": "apmbc-art7-initial",
      "initial_stands_in": True}, ARTICLE7_APMBC_FORMS),
    ("CCW-APII", "ccw-apii-art13", ObligationKind.ANNUAL,
     ("Amended Protocol II national annual report (Article 13)",
      "Rapport national annuel au titre du Protocole II modifié (article 13)",
      "Informe nacional anual del Protocolo II Enmendado (artículo 13)",
      "التقرير الوطني السنوي بموجب البروتوكول الثاني المعدل (المادة 13)"),
     "Article 13(4)", DueRule.ANNUAL_FIXED_DATE, {"due_month": 3, "due_day": 31}, APII_FORMS),
    ("CCW-P5", "ccw-p5-art10", ObligationKind.ANNUAL,
     ("Protocol V national report (Article 10)",
      "Rapport national au titre du Protocole V (article 10)",
      "Informe nacional del Protocolo V (artículo 10)",
      "التقرير الوطني بموجب البروتوكول الخامس (المادة 10)"),
     "Article 10(2)(b)", DueRule.ANNUAL_FIXED_DATE, {"due_month": 3, "due_day": 31},
     PROTOCOL_V_FORMS),
    ("CCW", "ccw-compliance", ObligationKind.COMPLIANCE,
     ("CCW compliance mechanism report", "Rapport au titre du mécanisme de respect de la CCAC",
      "Informe del mecanismo de cumplimiento de la CCAC",
      "تقرير آلية الامتثال للاتفاقية"),
     "Compliance mechanism (Third Review Conference, 2006)", DueRule.ANNUAL_FIXED_DATE,
     {"due_month": 3, "due_day": 31}, COMPLIANCE_FORMS),
    ("APMBC", "apmbc-art5-extension", ObligationKind.EXTENSION_REQUEST,
     ("Article 5 extension request", "Demande de prolongation (article 5)",
      "Solicitud de prórroga (artículo 5)", "طلب التمديد (المادة 5)"),
     "Article 5(3)–(6)", DueRule.NONE,
     {"clearance_deadline_years": 10, "extension_max_years": 10, "request_due_months_before": 9},
     []),
    ("CCM", "ccm-art4-extension", ObligationKind.EXTENSION_REQUEST,
     ("Article 4 extension request", "Demande de prolongation (article 4)",
      "Solicitud de prórroga (artículo 4)", "طلب التمديد (المادة 4)"),
     "Article 4(5)–(8)", DueRule.NONE,
     {"clearance_deadline_years": 10, "extension_max_years": 5, "request_due_months_before": 9},
     []),
]


@transaction.atomic
def load_obligations(*, log=print) -> dict[str, Obligation]:
    """Create or update the obligations, forms and fields above (and the thematic areas their
    shared fields carry). Idempotent."""
    themes = load_thematic_areas()
    conventions = {c.code: c for c in Convention.objects.all()}
    made = {}
    for position, (conv, code, kind, names, article, rule, numbers, forms) in enumerate(
            OBLIGATIONS):
        if conv not in conventions:
            log(f"  skipped {code}: convention {conv} is not loaded")
            continue
        en, fr, es, ar = names
        initial = numbers.get("initial_report")
        obligation, _ = Obligation.objects.update_or_create(
            code=code, defaults={
                "convention": conventions[conv], "kind": kind, "name": en, "name_fr": fr,
                "name_es": es, "name_ar": ar, "article": article, "due_rule": rule,
                "due_days": numbers.get("due_days"), "due_month": numbers.get("due_month"),
                "due_day": numbers.get("due_day"), "position": position,
                "clearance_deadline_years": numbers.get("clearance_deadline_years"),
                "extension_max_years": numbers.get("extension_max_years"),
                "request_due_months_before": numbers.get("request_due_months_before", 9),
                "period_covered": numbers.get(
                    "period_covered", next(iter(PeriodCovered.FOR_RULE[rule]))),
                "initial_report": made.get(initial) if initial else None,
                "initial_stands_in": numbers.get("initial_stands_in", False)})
        for form_position, (form_code, title, reference, voluntary, fields) in enumerate(forms):
            form, _ = ReportForm.objects.update_or_create(
                obligation=obligation, code=form_code,
                defaults={"name": title, "reference": reference, "voluntary": voluntary,
                          "position": form_position})
            for field_position, (key, label, field_type, extra) in enumerate(fields):
                FormField.objects.update_or_create(
                    form=form, key=key, defaults={
                        "name": label, "field_type": field_type,
                        "choices": extra.get("choices", []),
                        "min_value": extra.get("min_value"),
                        "max_value": extra.get("max_value"),
                        "decimal_places": extra.get("decimal_places"),
                        "theme": themes[extra["theme"]] if "theme" in extra else None,
                        "position": field_position})
        made[code] = obligation
    log(f"  reporting: {len(made)} obligations, "
        f"{ReportForm.objects.count()} forms, {FormField.objects.count()} fields")
    return made
