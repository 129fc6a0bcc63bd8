from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("files/<int:pk>/", views.generated_file_detail, name="generated-file"),
    path("files/<int:pk>/download/", views.generated_file_download,
         name="generated-file-download"),
]
