from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("clusters/", views.clusters, name="clusters"),
    path("conflicts/", views.conflicts, name="conflicts"),
    path("proposals/", views.proposals, name="proposals"),
    path("proposals/preview/", views.proposal_preview, name="proposal-preview"),
    path("states/<str:iso3>/", views.state_meetings, name="state"),
    path("feeds/all.ics", views.feed_all, name="feed-all"),
    path("feeds/conventions/<str:code>.ics", views.feed_convention, name="feed-convention"),
    path("feeds/states/<str:iso3>.ics", views.feed_state, name="feed-state"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/sessions/new/", views.session_add, name="session-add"),
    path("<int:pk>/sessions/<int:session_pk>/remove/", views.session_remove,
         name="session-remove"),
    path("<int:pk>/documents/new/", views.document_upload, name="document-upload"),
    path("<int:pk>/documents/<int:document_pk>/", views.document_download,
         name="document-download"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/participants/", views.participants, name="participants"),
    path("<int:pk>/participants.<str:fmt>", views.participants_export,
         name="participants-export"),
    path("<int:pk>/badges/", views.badges, name="badges"),
    path("<int:pk>/registrations/<int:registration_pk>/<str:decision>/",
         views.registration_decide, name="registration-decide"),
]
