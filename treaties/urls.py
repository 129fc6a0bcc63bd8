from django.urls import path

from . import views

app_name = "treaties"

urlpatterns = [
    path("conventions/", views.ConventionListView.as_view(), name="convention-list"),
    path("conventions/<str:code>/", views.convention_detail, name="convention-detail"),
    path("states/", views.StateListView.as_view(), name="state-list"),
    path("states/<str:iso3>/", views.state_detail, name="state-detail"),
    path("overlap/", views.overlap, name="overlap"),
]
