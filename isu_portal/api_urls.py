"""/api/v1/: every app's router, mounted side by side."""

from django.urls import include, path

from reporting.api.views import StateObligationsView
from staffing.api.views import ISUCostsView, ISUFTEView

urlpatterns = [
    # Cross-app views that the API offers at the root, next to the resource they describe.
    path("isus/<str:code>/costs/", ISUCostsView.as_view(), name="isu-costs"),
    path("isus/<str:code>/fte/", ISUFTEView.as_view(), name="isu-fte"),
    path("states/<str:iso3>/obligations/", StateObligationsView.as_view(),
         name="state-obligations"),
    path("", include("treaties.api.urls")),
    path("", include("accounts.api.urls")),
    path("meetings/", include("meetings.api.urls")),
    path("sponsorship/", include("sponsorship.api.urls")),
    path("reporting/", include("reporting.api.urls")),
    path("staffing/", include("staffing.api.urls")),
]
