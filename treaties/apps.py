from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TreatiesConfig(AppConfig):
    name = "treaties"
    verbose_name = _("Treaties")

    def ready(self):
        from .documents import register_documents

        register_documents()
