"""Demonstration data: reference data, the real UNTC memberships, demo users, then each domain
app's own demonstration data (its `demo.load(log=...)`, where it has one)."""

import importlib

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

DEMO_APPS = ["treaties", "accounts", "meetings", "sponsorship", "reporting", "staffing"]


class Command(BaseCommand):
    help = "Load demonstration data (idempotent: running it twice changes nothing)."

    def handle(self, *args, **options):
        call_command("load_reference_data", stdout=self.stdout)
        call_command("import_memberships", untc=True, stdout=self.stdout)
        for app in DEMO_APPS:
            try:
                module = importlib.import_module(f"{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app}.demo":
                    raise
                continue
            with transaction.atomic():
                module.load(log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Demonstration data loaded."))
