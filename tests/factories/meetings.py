"""Factories of the meetings app: `MeetingFactory(conventions=[ccm, apmbc])`."""

import datetime

import factory

from meetings.enums import MeetingKind, MeetingStatus, ParticipantRole
from meetings.models import Meeting, Registration


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    kind = MeetingKind.MEETING_OF_STATES_PARTIES
    title = factory.Sequence(lambda n: f"Meeting {n}")
    city = "Geneva"
    country = "CH"
    venue = "Palais des Nations"
    start_date = datetime.date(2030, 9, 2)
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=2))
    status = MeetingStatus.CONFIRMED

    @factory.post_generation
    def conventions(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.conventions.set(extracted)

    @factory.post_generation
    def thematic_areas(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.thematic_areas.set(extracted)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    meeting = factory.SubFactory(MeetingFactory)
    role = ParticipantRole.DELEGATE
    full_name = factory.Sequence(lambda n: f"Participant {n}")
    email = factory.Sequence(lambda n: f"participant{n}@example.org")
