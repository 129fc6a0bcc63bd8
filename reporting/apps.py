from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reporting")

    def ready(self):
        from core import generated, registry

        registry.register_navigation("reporting:index", _("Reporting"), order=30)
        registry.register_home_panel("reporting", panel="reporting.dashboard.panel",
                                     template="reporting/_dashboard.html", order=40)
        registry.register_demo_loader("reporting", load="reporting.demo.load", order=50)

        generated.register("reporting.report_pdf", label=_("Report (PDF)"),
                           build="reporting.pdf.build_report_pdf",
                           can_request="reporting.pdf.can_request_report_pdf")
        generated.register("reporting.compliance_pdf", label=_("Reporting compliance (PDF)"),
                           build="reporting.pdf.build_compliance_pdf",
                           can_request="reporting.pdf.can_request_compliance_pdf")
