from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("obligations", views.ObligationViewSet, basename="reporting-obligation")
router.register("reports", views.ReportViewSet, basename="reporting-report")
router.register("extension-requests", views.ExtensionRequestViewSet,
                basename="reporting-extension-request")

urlpatterns = [
    *router.urls,
    # Also mounted at the API root as /api/v1/states/<iso3>/obligations/ (isu_portal/api_urls.py)
    path("states/<str:iso3>/obligations/", views.StateObligationsView.as_view(),
         name="reporting-state-obligations"),
]
