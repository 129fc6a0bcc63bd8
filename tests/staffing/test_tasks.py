import datetime
import time
from decimal import Decimal

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from core.models import AuditEntry, GeneratedFile
from staffing import demo
from staffing.models import Assignment
from staffing.reports import REPORT_KIND
from staffing.tasks import yearly_reports_request_task


@pytest.mark.django_db
def test_yearly_reports_are_queued_once(isus, django_capture_on_commit_callbacks):
    demo.load(log=lambda message: None)
    with django_capture_on_commit_callbacks(execute=True):
        assert yearly_reports_request_task.delay(year=2016).get() == 3
    with django_capture_on_commit_callbacks(execute=True):
        assert yearly_reports_request_task.delay(year=2016).get() == 0
    files = GeneratedFile.objects.filter(kind=REPORT_KIND)
    assert sorted(f.params["isu"] for f in files) == ["APMBC", "CCM", "CCW"]
    assert {f.status for f in files} == {"done"}
    entries = AuditEntry.objects.filter(action="staffing.yearly_report.requested")
    assert [e.actor.username for e in entries] == ["system", "system", "system"]
    assert {f.requested_by.username for f in files} == {"system"}


def test_pdf_is_built_by_a_real_worker(celery_worker, isus, ccm_staff, client):
    """Through the page, a real Celery worker on Redis builds the PDF."""
    demo.load(log=lambda message: None)
    client.force_login(ccm_staff)
    response = client.post("/staffing/isus/CCM/report/", {"year": 2016})
    generated = GeneratedFile.objects.get(kind=REPORT_KIND)
    assert response.status_code == 302
    for _ in range(120):
        generated.refresh_from_db()
        if generated.is_finished:
            break
        time.sleep(0.5)
    assert generated.status == "done", generated.error + "".join(celery_worker.log[-20:])
    assert generated.file.read().startswith(b"%PDF")


@pytest.mark.django_db
def test_admin_keeps_the_one_fte_rule(shared_expert, isus, admin_user):
    from tests.factories.staffing import PostFactory

    extra = PostFactory(isu=isus["CCM"], approved_from=datetime.date(2015, 1, 1))
    model_admin = site._registry[Assignment]
    request = RequestFactory().post("/")
    request.user = admin_user
    form_class = model_admin.get_form(request)
    form = form_class(data={"staff_member": shared_expert.pk, "post": extra.pk,
                            "kind": "part_time", "fte": "0.5", "starts_on": "2017-01-01"})
    assert not form.is_valid()
    assert "1 FTE" in str(form.errors)
    form = form_class(data={"staff_member": shared_expert.pk, "post": extra.pk,
                            "kind": "part_time", "fte": "0.4", "starts_on": "2030-01-01"})
    ccm = Assignment.objects.get(staff_member=shared_expert, post__isu=isus["CCM"])
    ccm.ends_on = datetime.date(2029, 12, 31)
    ccm.save()
    assert form.is_valid(), form.errors
    obj = form.save(commit=False)
    model_admin.save_model(request, obj, form, change=False)
    created = Assignment.objects.get(post=extra)
    assert created.fte == Decimal("0.4")
    assert AuditEntry.objects.filter(action="staffing.assignment.created", actor=admin_user,
                                     object_id=str(created.pk)).exists()
