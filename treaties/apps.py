from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TreatiesConfig(AppConfig):
    name = "treaties"
    verbose_name = _("Treaties")

    def ready(self):
        from core import registry

        registry.register_navigation("treaties:convention-list", _("Conventions"), order=50)
        registry.register_navigation("treaties:state-list", _("States"), order=60)
        registry.register_navigation("treaties:overlap", _("Membership overlap"), order=70)
        registry.register_home_panel("treaties", panel="treaties.dashboard.panel",
                                     template="treaties/_dashboard.html", order=10)
        registry.register_demo_loader("treaties", load="treaties.demo.load", order=10)

        from .documents import register_documents

        register_documents()
