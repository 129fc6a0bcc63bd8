from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from core import generated, registry

        registry.register_navigation("meetings:index", _("Meetings"), order=10)
        registry.register_home_panel("meetings", panel="meetings.dashboard.panel",
                                     template="meetings/_dashboard.html", order=20)
        registry.register_demo_loader("meetings", load="meetings.demo.load", order=30)

        generated.register("meetings.badges", label=_("Name badges (PDF)"),
                           build="meetings.documents.badges_build",
                           can_request="meetings.documents.badges_can_request")
