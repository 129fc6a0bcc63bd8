"""Demonstration data: reference data, the real UNTC memberships, demo users, then each domain
app's own demonstration data, in the order the apps registered it (core.registry)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from core.registry import demo_loaders


class Command(BaseCommand):
    help = "Load demonstration data (idempotent: running it twice changes nothing)."

    def handle(self, *args, **options):
        call_command("load_reference_data", stdout=self.stdout)
        call_command("import_memberships", untc=True, stdout=self.stdout)
        for loader in demo_loaders():
            with transaction.atomic():
                loader.run(log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Demonstration data loaded."))
