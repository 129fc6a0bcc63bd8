import datetime
import itertools

import factory
from django_countries import countries

from treaties.enums import EntryIntoForceRule, InstrumentType, UNStatus
from treaties.models import ISU, Convention, HostOrganisation, Membership, State, ThematicArea
from treaties.reference import CONVENTIONS

_alpha3 = itertools.cycle(sorted(code for code in (countries.alpha3(c) for c, _ in countries)
                                 if code))


def _next_free_country():
    for _ in range(400):
        iso3 = next(_alpha3)
        if not State.objects.filter(iso3=iso3).exists():
            return iso3
    raise RuntimeError("no free country code left for StateFactory")


class StateFactory(factory.django.DjangoModelFactory):
    """A State; pass iso3="BIH" for a given one, or get the next unused ISO code."""

    class Meta:
        model = State
        django_get_or_create = ("iso3",)

    iso3 = factory.LazyFunction(_next_free_country)
    country = factory.LazyAttribute(lambda o: countries.alpha2(o.iso3))
    un_status = UNStatus.MEMBER
    region = "Europe"


class ConventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Convention
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"CONV{n}")
    short_name = factory.LazyAttribute(lambda o: o.code)
    name = factory.LazyAttribute(lambda o: f"Convention {o.code}")
    entry_into_force = datetime.date(2000, 1, 1)
    entry_into_force_rule = EntryIntoForceRule.FIRST_OF_MONTH_AFTER_DEPOSIT
    entry_into_force_months = 6


def conventions_from_reference() -> dict[str, Convention]:
    """CCM, APMBC, CCW and its two protocols with their real dates and rules, by code."""
    made = {}
    for spec in CONVENTIONS:
        spec = dict(spec)
        parent = spec.pop("parent", None)
        code = spec.pop("code")
        made[code], _ = Convention.objects.update_or_create(
            code=code, defaults={**spec, "parent": made.get(parent)}
        )
    return made


class MembershipFactory(factory.django.DjangoModelFactory):
    """A membership whose effective date follows the convention's rule unless given."""

    class Meta:
        model = Membership

    state = factory.SubFactory(StateFactory)
    convention = factory.SubFactory(ConventionFactory)
    instrument_type = InstrumentType.RATIFICATION
    deposited_on = datetime.date(2010, 1, 15)
    effective_on = factory.LazyAttribute(
        lambda o: o.convention.effective_date_for_deposit(o.deposited_on, o.instrument_type)
    )


class HostOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostOrganisation
        django_get_or_create = ("short_name",)

    short_name = "GICHD"
    name = "Geneva International Centre for Humanitarian Demining"
    city = "Geneva"


class ISUFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ISU
        django_get_or_create = ("convention",)

    convention = factory.SubFactory(ConventionFactory)
    host = factory.SubFactory(HostOrganisationFactory)
    name = factory.LazyAttribute(lambda o: f"{o.convention.code} Implementation Support Unit")


class ThematicAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThematicArea
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"theme-{n}")
    name = factory.LazyAttribute(lambda o: o.code.replace("-", " ").capitalize())
