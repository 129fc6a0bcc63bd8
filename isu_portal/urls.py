from csp.decorators import csp_update
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

# The API documentation UIs style their widgets inline; their scripts stay 'self' only.
docs_csp = csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["'self'", "blob:"]})

urlpatterns = [
    path("", include("core.urls")),
    path("accounts/", include("accounts.urls")),
    path("", include("treaties.urls")),
    path("meetings/", include("meetings.urls")),
    path("sponsorship/", include("sponsorship.urls")),
    path("reporting/", include("reporting.urls")),
    path("staffing/", include("staffing.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("isu_portal.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", docs_csp(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
         name="api-docs"),
    path("api/redoc/", docs_csp(SpectacularRedocView.as_view(url_name="api-schema")),
         name="api-redoc"),
]
# MEDIA_URL is deliberately not served, even in development: stored files (draft-report
# attachments, award letters, staff-cost reports) go out only through the owning app's download
# view, which asks its rules (core.downloads.serve_private_file).
