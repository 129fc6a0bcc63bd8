from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TreatiesConfig(AppConfig):
    name = "treaties"
    verbose_name = _("Treaties")

    def ready(self):
        from core import generated, registry


        registry.register_navigation("treaties:convention-list", _("Conventions"), order=50)
        registry.register_navigation("treaties:state-list", _("States"), order=60)
        registry.register_navigation("treaties:overlap", _("Membership overlap"), order=70)
        registry.register_home_panel("treaties", panel="treaties.dashboard.panel",
                                     template="treaties/_dashboard.html", order=10)
        registry.register_demo_loader("treaties", load="treaties.demo.load", order=10)

        generated.register("treaties.overlap_pdf", label=_("Membership overlap (PDF)"),
                           build="treaties.documents.build_overlap_pdf",
                           can_request="treaties.documents.can_request_overlap_pdf")
