"""Factories for staffing: posts, people, assignments. Import from tests.factories.staffing."""

import datetime
from decimal import Decimal

import factory

from staffing.enums import AssignmentStatus
from staffing.models import Assignment, Post, StaffMember


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    title = factory.Sequence(lambda n: f"Officer {n}")
    grade = "P-3"
    fte = Decimal("1")
    approved_from = datetime.date(2015, 1, 1)


class StaffMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffMember

    full_name = factory.Sequence(lambda n: f"Person {n}")


class AssignmentFactory(factory.django.DjangoModelFactory):
    """Saved directly, bypassing the one-FTE check: for building fixtures, not for testing it."""

    class Meta:
        model = Assignment

    staff_member = factory.SubFactory(StaffMemberFactory)
    post = factory.SubFactory(PostFactory)
    fte = Decimal("1")
    starts_on = datetime.date(2016, 1, 1)
    status = AssignmentStatus.CONSENTED
