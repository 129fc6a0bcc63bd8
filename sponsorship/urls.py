from django.urls import path

from . import views

app_name = "sponsorship"

urlpatterns = [
    path("", views.ApplicationListView.as_view(), name="index"),
    path("apply/", views.application_create, name="application-create"),
    path("applications/<int:pk>/", views.application_detail, name="application-detail"),
    path("applications/<int:pk>/edit/", views.application_edit, name="application-edit"),
    path("applications/<int:pk>/withdraw/", views.application_withdraw,
         name="application-withdraw"),
    path("applications/<int:pk>/step/<slug:step>/", views.application_step,
         name="application-step"),
    path("applications/<int:pk>/comment/", views.application_comment,
         name="application-comment"),
    path("applications/<int:pk>/trips/", views.trip_plan, name="trip-plan"),
    path("shares/<int:pk>/approve/", views.share_approve, name="share-approve"),
    path("trips/", views.TripListView.as_view(), name="trip-list"),
    path("programmes/", views.programme_list, name="programme-list"),
    path("programmes/<str:code>/", views.programme_detail, name="programme-detail"),
    path("donors/", views.donor_report, name="donor-report"),
]
