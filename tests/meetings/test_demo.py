import datetime
import io

import pytest
from django.core.management import call_command

from meetings import selectors
from meetings.models import Meeting

D = datetime.date


@pytest.mark.django_db
def test_demo_data_has_the_real_clusters_and_loads_idempotently():
    call_command("load_demo", stdout=io.StringIO())
    count = Meeting.objects.count()
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    assert "Meetings: 0 created" in output.getvalue()
    assert Meeting.objects.count() == count >= 30
    seventh = Meeting.objects.get(title="CCM Seventh Meeting of States Parties")
    assert (seventh.start_date, seventh.end_date, seventh.city) == (D(2017, 9, 4),
                                                                   D(2017, 9, 6), "Geneva")
    clusters = selectors.clusters_between(D(2015, 1, 1), D(2024, 12, 31))
    found = {(c.start, c.end): sorted(c.conventions) for c in clusters}
    assert found == {
        (D(2015, 6, 22), D(2015, 6, 26)): ["APMBC", "CCM"],
        (D(2022, 11, 16), D(2022, 11, 25)): ["APMBC", "CCW"],
        (D(2023, 11, 15), D(2023, 11, 24)): ["APMBC", "CCW"],
    }
    june = next(c for c in clusters if c.start == D(2015, 6, 22))
    assert june.trips_saved == 2
    assert selectors.proposals_from()  # the two "(Demo)" entries are a near miss
