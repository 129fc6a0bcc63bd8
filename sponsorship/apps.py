from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SponsorshipConfig(AppConfig):
    name = "sponsorship"
    verbose_name = _("Sponsorship")

    def ready(self):
        from core import generated, registry

        registry.register_navigation("sponsorship:index", _("Sponsorship"), order=20)
        registry.register_home_panel("sponsorship", panel="sponsorship.dashboard.panel",
                                     template="sponsorship/_dashboard.html", order=30)
        registry.register_demo_loader("sponsorship", load="sponsorship.demo.load", order=40)

        generated.register("sponsorship.award_letter", label=_("Award letter (PDF)"),
                           build="sponsorship.documents.build_award_letter",
                           can_request="sponsorship.documents.can_request_award_letter")
        generated.register("sponsorship.programme_report",
                           label=_("Sponsorship programme report (PDF)"),
                           build="sponsorship.documents.build_programme_report",
                           can_request="sponsorship.documents.can_request_programme_report")
