from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("conventions", views.ConventionViewSet, basename="convention")
router.register("states", views.StateViewSet, basename="state")
router.register("memberships", views.MembershipViewSet, basename="membership")
router.register("isus", views.ISUViewSet, basename="isu")
router.register("isu-budgets", views.ISUBudgetViewSet, basename="isu-budget")
router.register("thematic-areas", views.ThematicAreaViewSet, basename="thematic-area")

urlpatterns = router.urls
