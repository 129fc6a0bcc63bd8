"""Two saves of one form at the same moment, from the same opened version (PostgreSQL row lock,
issue 9.16): one person's are both kept, each changing only what it names (9.2); another
person's second save is a conflict and writes nothing."""

import threading

import pytest
from django.db import connection, connections

from reporting import services
from reporting.models import SectionEntry
from tests.support.services import skip_or_fail


def race(entry, saves):
    barrier = threading.Barrier(len(saves))
    outcomes = []

    def save(actor, answers):
        try:
            barrier.wait(timeout=10)
            services.section_save(actor=actor, entry=entry, expected_version=0,
                                  answers=answers)
            outcomes.append(("saved", actor.username))
        except services.EditConflict:
            outcomes.append(("conflict", actor.username))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=pair) for pair in saves]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


@pytest.mark.django_db(transaction=True)
def test_concurrent_saves_from_one_version(bih_member, focal_a, delegate_a, obligations):
    if connection.vendor != "postgresql":
        skip_or_fail("row locks need PostgreSQL")
    report = services.report_start(actor=focal_a, state=bih_member,
                                   obligation=obligations["ccm-art7-annual"], cycle_year=2025)
    entry = report.entries.select_related("form", "report").get(form__code="E")
    for _ in range(3):  # repeat: without the lock, some round would lose an answer
        SectionEntry.objects.filter(pk=entry.pk).update(data={}, version=0,
                                                        editor_since_version=0,
                                                        updated_by=None)
        assert race(entry, [(focal_a, {"status": "in_progress"}),
                            (focal_a, {"details": "Plant at Vogošća"})]) == [
            ("saved", "focal_a"), ("saved", "focal_a")]
        saved = SectionEntry.objects.get(pk=entry.pk)
        assert (saved.version, saved.data) == (
            2, {"status": "in_progress", "details": "Plant at Vogošća"})

        SectionEntry.objects.filter(pk=entry.pk).update(data={}, version=0,
                                                        editor_since_version=0,
                                                        updated_by=None)
        outcomes = race(entry, [(focal_a, {"status": "completed"}),
                                (delegate_a, {"status": "none"})])
        assert [o for o, _who in outcomes] == ["conflict", "saved"]
        winner = dict((who, o) for o, who in outcomes)
        saved = SectionEntry.objects.get(pk=entry.pk)
        assert saved.version == 1
        assert saved.data == {"status": "completed" if winner["focal_a"] == "saved"
                              else "none"}
