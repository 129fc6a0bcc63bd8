"""/api/v1/meetings/: the meeting kinds (data), the meetings, their nested registrations,
clusters, conflicts and proposals."""

from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register(r"(?P<meeting_pk>\d+)/registrations", views.RegistrationViewSet,
                basename="meeting-registration")
router.register(r"(?P<meeting_pk>\d+)/documents", views.MeetingDocumentViewSet,
                basename="meeting-document")
router.register("kinds", views.MeetingKindViewSet, basename="meeting-kind")
router.register("", views.MeetingViewSet, basename="meeting")

urlpatterns = router.urls
