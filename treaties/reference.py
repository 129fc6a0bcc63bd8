"""Reference data every installation starts with: the States, the conventions and protocols,
the host organisations, the ISUs and the thematic areas. Loading is idempotent."""

import csv
import datetime
from importlib import resources

from django.db import transaction
from django_countries import countries

from .enums import EntryIntoForceRule
from .models import ISU, Convention, HostOrganisation, State, ThematicArea

D = datetime.date

CONVENTIONS = [
    {
        "code": "CCM", "short_name": "CCM", "untc_code": "CCM", "untc_reference": "XXVI-6",
        "name": "Convention on Cluster Munitions",
        "name_fr": "Convention sur les armes à sous-munitions",
        "name_es": "Convención sobre Municiones en Racimo",
        "name_ar": "اتفاقية الذخائر العنقودية",
        "adopted_on": D(2008, 5, 30), "entry_into_force": D(2010, 8, 1),
        "entry_into_force_rule": EntryIntoForceRule.FIRST_OF_MONTH_AFTER_DEPOSIT,
        "entry_into_force_months": 6,
        "website": "https://www.clusterconvention.org", "ordering_key": 10,
    },
    {
        "code": "APMBC", "short_name": "APMBC", "untc_code": "APMBC", "untc_reference": "XXVI-5",
        "name": "Convention on the Prohibition of the Use, Stockpiling, Production and Transfer "
                "of Anti-Personnel Mines and on their Destruction",
        "name_fr": "Convention sur l'interdiction de l'emploi, du stockage, de la production et "
                   "du transfert des mines antipersonnel et sur leur destruction",
        "name_es": "Convención sobre la prohibición del empleo, almacenamiento, producción y "
                   "transferencia de minas antipersonal y sobre su destrucción",
        "name_ar": "اتفاقية حظر استعمال وتخزين وإنتاج ونقل الألغام المضادة للأفراد "
                   "وتدمير تلك الألغام",
        "adopted_on": D(1997, 9, 18), "entry_into_force": D(1999, 3, 1),
        "entry_into_force_rule": EntryIntoForceRule.FIRST_OF_MONTH_AFTER_DEPOSIT,
        "entry_into_force_months": 6,
        "website": "https://www.apminebanconvention.org", "ordering_key": 20,
    },
    {
        "code": "CCW", "short_name": "CCW", "untc_code": "CCW", "untc_reference": "XXVI-2",
        "name": "Convention on Prohibitions or Restrictions on the Use of Certain Conventional "
                "Weapons Which May Be Deemed to Be Excessively Injurious or to Have "
                "Indiscriminate Effects",
        "name_fr": "Convention sur l'interdiction ou la limitation de l'emploi de certaines armes "
                   "classiques",
        "name_es": "Convención sobre prohibiciones o restricciones del empleo de ciertas armas "
                   "convencionales",
        "name_ar": "اتفاقية حظر أو تقييد استعمال أسلحة تقليدية معينة",
        "adopted_on": D(1980, 10, 10), "entry_into_force": D(1983, 12, 2),
        "entry_into_force_rule": EntryIntoForceRule.MONTHS_AFTER_DEPOSIT,
        "entry_into_force_months": 6,
        "website": "https://meetings.unoda.org/ccw", "ordering_key": 30,
    },
    {
        "code": "CCW-APII", "short_name": "CCW Amended Protocol II", "parent": "CCW",
        "untc_code": "CCW_APII", "untc_reference": "XXVI-2-b",
        "name": "Amended Protocol II to the CCW (mines, booby-traps and other devices)",
        "name_fr": "Protocole II modifié à la CCAC (mines, pièges et autres dispositifs)",
        "name_es": "Protocolo II Enmendado de la CCAC (minas, armas trampa y otros artefactos)",
        "name_ar": "البروتوكول الثاني المعدل للاتفاقية (الألغام والأشراك الخداعية والنبائط الأخرى)",
        "adopted_on": D(1996, 5, 3), "entry_into_force": D(1998, 12, 3),
        "entry_into_force_rule": EntryIntoForceRule.MONTHS_AFTER_DEPOSIT,
        "entry_into_force_months": 6, "ordering_key": 31,
    },
    {
        "code": "CCW-P5", "short_name": "CCW Protocol V", "parent": "CCW",
        "untc_code": "CCW_PV", "untc_reference": "XXVI-2-d",
        "name": "Protocol V to the CCW on Explosive Remnants of War",
        "name_fr": "Protocole V à la CCAC relatif aux restes explosifs de guerre",
        "name_es": "Protocolo V de la CCAC sobre los restos explosivos de guerra",
        "name_ar": "البروتوكول الخامس للاتفاقية بشأن المتفجرات من مخلفات الحرب",
        "adopted_on": D(2003, 11, 28), "entry_into_force": D(2006, 11, 12),
        "entry_into_force_rule": EntryIntoForceRule.MONTHS_AFTER_DEPOSIT,
        "entry_into_force_months": 6, "ordering_key": 32,
    },
]

HOSTS = [
    {"short_name": "GICHD", "name": "Geneva International Centre for Humanitarian Demining",
     "city": "Geneva", "country": "CH", "website": "https://www.gichd.org"},
    {"short_name": "UNODA", "name": "United Nations Office for Disarmament Affairs (Geneva Branch)",
     "city": "Geneva", "country": "CH", "website": "https://disarmament.unoda.org"},
]

ISUS = [
    {"convention": "CCM", "host": "GICHD", "name": "CCM Implementation Support Unit",
     "email": "info@cmconvention.org", "established_on": D(2015, 6, 1)},
    {"convention": "APMBC", "host": "GICHD", "name": "APMBC Implementation Support Unit",
     "email": "isu@apminebanconvention.org", "established_on": D(2001, 9, 1)},
    {"convention": "CCW", "host": "UNODA", "name": "CCW Implementation Support Unit",
     "email": "ccw@un.org", "established_on": D(2011, 11, 1)},
]

THEMATIC_AREAS = [
    ("land-release", "Land release", "Remise à disposition des terres", "Liberación de tierras",
     "الإفراج عن الأراضي"),
    ("victim-assistance", "Victim assistance", "Assistance aux victimes",
     "Asistencia a las víctimas", "مساعدة الضحايا"),
    ("cooperation-assistance", "Cooperation and assistance", "Coopération et assistance",
     "Cooperación y asistencia", "التعاون والمساعدة"),
    ("reporting", "Reporting", "Établissement de rapports", "Presentación de informes",
     "تقديم التقارير"),
    ("stockpile-destruction", "Stockpile destruction", "Destruction des stocks",
     "Destrucción de existencias", "تدمير المخزونات"),
    ("universalization", "Universalization", "Universalisation", "Universalización",
     "عالمية الاتفاقية"),
    ("legislation", "Legislation and national measures", "Législation et mesures nationales",
     "Legislación y medidas nacionales", "التشريعات والتدابير الوطنية"),
    ("risk-education", "Risk education and warnings", "Éducation aux risques et avertissements",
     "Educación sobre el riesgo y advertencias", "التوعية بالمخاطر والتحذيرات"),
]


def load_states() -> int:
    """Every UN member and observer State (and the non-member States that are parties),
    named by django-countries in each language."""
    data = resources.files("treaties").joinpath("data/states.csv").read_text(encoding="utf-8")
    count = 0
    for row in csv.DictReader(data.splitlines()):
        alpha2 = countries.alpha2(row["iso3"])
        State.objects.update_or_create(
            iso3=row["iso3"],
            defaults={"country": alpha2, "un_status": row["un_status"], "region": row["region"]},
        )
        count += 1
    return count


@transaction.atomic
def load_reference_data() -> None:
    load_states()
    by_code = {}
    for spec in CONVENTIONS:
        spec = dict(spec)
        parent = spec.pop("parent", None)
        code = spec.pop("code")
        spec["parent"] = by_code.get(parent)
        by_code[code], _ = Convention.objects.update_or_create(code=code, defaults=spec)
    hosts = {}
    for spec in HOSTS:
        spec = dict(spec)
        short_name = spec.pop("short_name")
        hosts[short_name], _ = HostOrganisation.objects.update_or_create(
            short_name=short_name, defaults=spec
        )
    for spec in ISUS:
        spec = dict(spec)
        convention = by_code[spec.pop("convention")]
        spec["host"] = hosts[spec.pop("host")]
        ISU.objects.update_or_create(convention=convention, defaults=spec)
    load_thematic_areas()


def load_thematic_areas() -> dict[str, ThematicArea]:
    """The one thematic vocabulary (meetings and reporting's shared answers), by code."""
    areas = {}
    for code, en, fr, es, ar in THEMATIC_AREAS:
        areas[code], _ = ThematicArea.objects.update_or_create(
            code=code, defaults={"name": en, "name_fr": fr, "name_es": es, "name_ar": ar}
        )
    return areas


def untc_extract_text() -> str:
    """The UN Treaty Collection extract shipped with the portal (see data/UNTC_README.md)."""
    return resources.files("treaties").joinpath("data/untc_memberships.csv").read_text(
        encoding="utf-8"
    )


def demo_memberships_text() -> str:
    """DEMO membership rows for the ATT, the BWC and the TPNW (not depositary data: the shipped
    UNTC extract does not cover them); loaded by the demo only."""
    return resources.files("treaties").joinpath("data/instruments/demo_memberships.csv"
                                                ).read_text(encoding="utf-8")
