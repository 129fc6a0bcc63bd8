from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("posts", views.PostViewSet, basename="staffing-post")
router.register("staff", views.StaffMemberViewSet, basename="staffing-staff")
router.register("assignments", views.AssignmentViewSet, basename="staffing-assignment")

urlpatterns = [
    path("isus/<str:code>/costs/", views.ISUCostsView.as_view(), name="staffing-isu-costs"),
    path("isus/<str:code>/fte/", views.ISUFTEView.as_view(), name="staffing-isu-fte"),
    path("isus/<str:code>/spending/", views.ISUSpendingView.as_view(),
         name="staffing-isu-spending"),
    *router.urls,
]
