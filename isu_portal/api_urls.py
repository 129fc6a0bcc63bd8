"""/api/v1/: every app's router, mounted side by side."""

from django.urls import include, path

urlpatterns = [
    path("", include("treaties.api.urls")),
    path("", include("accounts.api.urls")),
    path("meetings/", include("meetings.api.urls")),
    path("sponsorship/", include("sponsorship.api.urls")),
    path("reporting/", include("reporting.api.urls")),
    path("staffing/", include("staffing.api.urls")),
]
