from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("programmes", views.ProgrammeViewSet, basename="sponsorship-programme")
router.register("donors", views.DonorViewSet, basename="sponsorship-donor")
router.register("contributions", views.ContributionViewSet, basename="sponsorship-contribution")
router.register("dsa-rates", views.DSARateViewSet, basename="sponsorship-dsa-rate")
router.register("applications", views.ApplicationViewSet, basename="sponsorship-application")
router.register("trips", views.TripViewSet, basename="sponsorship-trip")

urlpatterns = router.urls
