"""Factories for the sponsorship tests. Meetings are made with the contract fields only
(title, conventions, start_date, end_date, city, country, status)."""

import datetime
from decimal import Decimal

import factory

from meetings.models import Meeting
from sponsorship.models import (
    Application,
    ApplicationMeeting,
    Contribution,
    Donor,
    DSARate,
    EligibleState,
    Nominee,
    Programme,
)

from .meetings import meeting_kind
from .treaties import ConventionFactory, StateFactory

# A year whose June is always ahead: applications are for meetings that begin after today.
FUTURE_YEAR = datetime.date.today().year + 1


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    kind = factory.LazyFunction(meeting_kind)
    title = factory.Sequence(lambda n: f"Meeting {n}")
    start_date = datetime.date(2025, 6, 16)
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=2))
    city = "Geneva"
    country = "CH"
    status = "planned"

    @factory.post_generation
    def conventions(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.conventions.set(extracted)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("convention",)

    convention = factory.SubFactory(ConventionFactory)
    name = factory.LazyAttribute(lambda o: f"{o.convention.code} Sponsorship Programme")


class DonorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Donor
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Donor {n}")
    kind = "organisation"


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    programme = factory.SubFactory(ProgrammeFactory)
    donor = factory.SubFactory(DonorFactory)
    amount = Decimal("100000.00")
    received_on = datetime.date(2025, 1, 15)


class DSARateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DSARate
        django_get_or_create = ("city", "valid_from")

    city = "Geneva"
    country = "CH"
    valid_from = datetime.date(2015, 1, 1)
    amount = Decimal("400.00")


def make_application(*, state=None, meetings, nominees=1, status="draft", created_by=None,
                     language="en", eligible=True) -> Application:
    """An application straight in the database (tests of reads and access); meetings is a
    list of (meeting, programme) pairs."""
    state = state or StateFactory()
    application = Application.objects.create(state=state, status=status, language=language,
                                             created_by=created_by)
    for meeting, programme in meetings:
        ApplicationMeeting.objects.create(application=application, meeting=meeting,
                                          programme=programme)
        if eligible:
            EligibleState.objects.get_or_create(programme=programme, state=state, year=None)
    for i in range(nominees):
        Nominee.objects.create(application=application, full_name=f"Delegate {i + 1}")
    return application
