from django.core.management.base import BaseCommand

from reporting.forms_data import load_obligations


class Command(BaseCommand):
    help = "Load the reporting obligations, forms and fields (CCM, APMBC, CCW). Idempotent."

    def handle(self, *args, **options):
        load_obligations(log=self.stdout.write)
