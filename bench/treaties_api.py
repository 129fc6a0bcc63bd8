"""The States API list (100 rows with their memberships) against a bare Django view that
serializes the same rows with values() and JsonResponse."""

from harness import median_seconds, report, setup_django

setup_django()

import datetime  # noqa: E402

from django.http import JsonResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.urls import path  # noqa: E402

from accounts.services import system_actor  # noqa: E402
from treaties.importer import import_memberships  # noqa: E402
from treaties.models import Convention, Membership, State  # noqa: E402
from treaties.reference import load_reference_data, untc_extract_text  # noqa: E402
from treaties.selectors import party_state_ids_on  # noqa: E402


def bare_states(request):
    states = list(State.objects.order_by("iso3").values("iso3", "official_un_name", "un_status",
                                                        "region")[:100])
    by_state = {}
    for m in Membership.objects.filter(state__iso3__in=[s["iso3"] for s in states]).values(
            "state__iso3", "convention__code", "deposited_on", "effective_on",
            "withdrawal_effective_on"):
        by_state.setdefault(m["state__iso3"], []).append(m)
    for s in states:
        s["memberships"] = by_state.get(s["iso3"], [])
    return JsonResponse({"results": states})


import isu_portal.urls as project_urls  # noqa: E402

urlpatterns = [*project_urls.urlpatterns, path("bench/bare-states/", bare_states)]

if not State.objects.exists():
    load_reference_data()
    import_memberships(actor=system_actor(), text=untc_extract_text())

with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"]):
    client = Client()

    def ours():
        response = client.get("/api/v1/states/?page_size=100")
        assert response.status_code == 200 and len(response.json()["results"]) == 100

    def baseline():
        response = client.get("/bench/bare-states/")
        assert len(response.json()["results"]) == 100

    report("GET /api/v1/states/?page_size=100 vs bare values() view", median_seconds(ours),
           median_seconds(baseline))

    def overlap():
        assert client.get("/api/v1/conventions/overlap/?a=CCM&b=APMBC&as_of=2017-09-04")\
            .status_code == 200

    def bare_overlap():
        day = datetime.date(2017, 9, 4)
        a = party_state_ids_on(Convention.objects.get(code="CCM"), day)
        b = party_state_ids_on(Convention.objects.get(code="APMBC"), day)
        return a - b, b - a

    report("GET /api/v1/conventions/overlap/ vs the two bare set queries",
           median_seconds(overlap), median_seconds(bare_overlap))
