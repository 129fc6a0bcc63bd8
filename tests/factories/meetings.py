"""Factories of the meetings app: `MeetingFactory(conventions=[ccm, apmbc])`."""

import datetime

import factory

from meetings.enums import MeetingStatus, ParticipantRole
from meetings.kinds import ensure_standard_kinds
from meetings.models import Meeting, MeetingKind, Registration


def meeting_kind(code: str = "msp") -> MeetingKind:
    """A standard meeting kind by its code (present even after a transactional test's flush)."""
    found = MeetingKind.objects.filter(code=code).first()
    if found is None:
        ensure_standard_kinds()
        found = MeetingKind.objects.get(code=code)
    return found


class MeetingFactory(factory.django.DjangoModelFactory):
    """`kind` may be given as a kind's code: MeetingFactory(kind="workshop")."""

    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    kind = factory.LazyFunction(meeting_kind)
    title = factory.Sequence(lambda n: f"Meeting {n}")
    city = "Geneva"
    country = "CH"
    venue = "Palais des Nations"
    start_date = datetime.date(2030, 9, 2)
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=2))
    status = MeetingStatus.CONFIRMED

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        if isinstance(kwargs.get("kind"), str):
            kwargs["kind"] = meeting_kind(kwargs["kind"])
        return kwargs

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
