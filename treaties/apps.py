from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TreatiesConfig(AppConfig):
    name = "treaties"
    verbose_name = _("Treaties")

    def ready(self):
        from . import checks  # noqa: F401  (registers the translated-names check)
        from .documents import register_documents

        register_documents()
