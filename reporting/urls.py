from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("", views.index, name="index"),
    path("reports/start/", views.report_start, name="report-start"),
    path("reports/<int:pk>/", views.report_detail, name="report-detail"),
    path("reports/<int:pk>/forms/<str:code>/", views.section_edit, name="section-edit"),
    path("reports/<int:pk>/submit/", views.report_submit, name="report-submit"),
    path("reports/<int:pk>/publish/", views.report_publish, name="report-publish"),
    path("reports/<int:pk>/reopen/", views.report_reopen, name="report-reopen"),
    path("reports/<int:pk>/share/", views.report_share, name="report-share"),
    path("reports/<int:pk>/attachments/", views.attachment_add, name="attachment-add"),
    path("reports/<int:pk>/attachments/<int:attachment_pk>/", views.attachment_download,
         name="attachment-download"),
    path("reports/<int:pk>/pdf/", views.report_pdf, name="report-pdf"),
    path("states/<str:iso3>/deadline/", views.deadline_adopt, name="deadline-adopt"),
    path("compliance/", views.compliance_dashboard, name="compliance"),
    path("compliance/export.<str:fmt>", views.compliance_export, name="compliance-export"),
    path("compliance/pdf/", views.compliance_pdf, name="compliance-pdf"),
    path("extensions/", views.extension_list, name="extension-list"),
    path("extensions/<int:pk>/", views.extension_detail, name="extension-detail"),
    path("console/", views.console, name="console"),
]
