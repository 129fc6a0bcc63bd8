from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("People and roles")

    def ready(self):
        from core import registry

        registry.register_demo_loader("accounts", load="accounts.demo.load", order=20)
