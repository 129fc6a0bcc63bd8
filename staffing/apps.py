from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffingConfig(AppConfig):
    name = "staffing"
    verbose_name = _("Staffing")

    def ready(self):
        from core import registry

        registry.register_navigation("staffing:index", _("Staffing"), order=40)
        registry.register_home_panel("staffing", panel="staffing.dashboard.panel",
                                     template="staffing/_dashboard.html", order=50)
        registry.register_demo_loader("staffing", load="staffing.demo.load", order=60)

        from . import reports  # noqa: F401  (registers the PDF kind)
