"""Absences are recorded through staffing's rules, like every other staffing
write: by those who manage the person (their unit's ISU, admins, the system actor)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from accounts.services import system_actor
from core.models import AuditEntry
from staffing import services
from staffing.models import Absence
from tests.factories.staffing import StaffMemberFactory

pytestmark = pytest.mark.django_db
SEPT = {"kind": "leave", "starts_on": datetime.date(2017, 9, 4),
        "ends_on": datetime.date(2017, 9, 15)}


def test_only_those_who_manage_the_person_record_an_absence(isus, ccm_staff, apmbc_staff):
    person = StaffMemberFactory(home_isu=isus["CCM"])
    for actor in (None, apmbc_staff):
        with pytest.raises(PermissionDenied):
            services.absence_record(actor=actor, staff_member=person, **SEPT)
    assert not Absence.objects.exists()
    services.absence_record(actor=ccm_staff, staff_member=person, **SEPT)
    assert AuditEntry.objects.get(action="staffing.absence.recorded").actor == ccm_staff
    other = StaffMemberFactory(home_isu=isus["APMBC"])
    services.absence_record(actor=system_actor(), staff_member=other, **SEPT)
    assert AuditEntry.objects.filter(action="staffing.absence.recorded").latest(
        "pk").actor.username == "system"
    assert Absence.objects.count() == 2
