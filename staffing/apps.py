from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffingConfig(AppConfig):
    name = "staffing"
    verbose_name = _("Staffing")

    def ready(self):
        from core import generated, registry

        registry.register_navigation("staffing:index", _("Staffing"), order=40)
        registry.register_home_panel("staffing", panel="staffing.dashboard.panel",
                                     template="staffing/_dashboard.html", order=50)
        registry.register_demo_loader("staffing", load="staffing.demo.load", order=60)

        generated.register("staffing.isu_year", label=_("ISU staffing and costs of the year (PDF)"),
                           build="staffing.reports.build",
                           can_request="staffing.reports.can_request")
