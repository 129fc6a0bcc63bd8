from django.core.management.base import BaseCommand

from treaties.reference import load_reference_data


class Command(BaseCommand):
    help = "Load the States, conventions, host organisations, ISUs and thematic areas."

    def handle(self, *args, **options):
        load_reference_data()
        self.stdout.write(self.style.SUCCESS("Reference data loaded."))
