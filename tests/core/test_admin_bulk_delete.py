""""Delete selected" in each app's admin leaves one audit row per deleted object, by the admin
(AuditedModelAdmin.delete_queryset); Django's default would delete in one statement, unrecorded."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from core.models import AuditEntry
from reporting.models import ReportForm
from sponsorship.models import Donor
from staffing.models import Post
from tests.factories.reporting import load_real_obligations
from tests.factories.sponsorship import DonorFactory
from tests.factories.staffing import PostFactory
from tests.factories.treaties import HostOrganisationFactory, ISUFactory
from treaties.models import HostOrganisation

pytestmark = pytest.mark.django_db


def _two_report_forms(conventions):
    load_real_obligations()
    return list(ReportForm.objects.order_by("pk")[:2])


def _two_donors(conventions):
    return [DonorFactory(), DonorFactory()]


def _two_posts(conventions):
    isu = ISUFactory(convention=conventions["CCM"])
    return [PostFactory(isu=isu), PostFactory(isu=isu)]


def _two_hosts(conventions):
    return [HostOrganisationFactory(short_name="H1", name="Host one"),
            HostOrganisationFactory(short_name="H2", name="Host two")]


def _two_groups(conventions):
    return [Group.objects.create(name="Editors"), Group.objects.create(name="Readers")]


@pytest.mark.parametrize(("make", "model", "action"), [
    (_two_report_forms, ReportForm, "reportform.deleted_in_admin"),
    (_two_donors, Donor, "donor.deleted_in_admin"),
    (_two_posts, Post, "post.deleted_in_admin"),
    (_two_hosts, HostOrganisation, "hostorganisation.deleted_in_admin"),
    (_two_groups, Group, "group.deleted_in_admin"),
], ids=["reporting", "sponsorship", "staffing", "treaties", "auth"])
def test_delete_selected_audits_each_object(admin_client, admin_user, conventions, make, model,
                                            action):
    objects = make(conventions)
    opts = model._meta
    response = admin_client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        {"action": "delete_selected", "post": "yes", "_selected_action": [o.pk for o in objects]})

    assert response.status_code == 302
    assert not model.objects.filter(pk__in=[o.pk for o in objects]).exists()
    assert sorted(AuditEntry.objects.filter(action=action, actor=admin_user)
                  .values_list("object_id", flat=True)) == sorted(str(o.pk) for o in objects)
