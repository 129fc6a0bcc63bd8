from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.services import system_actor
from treaties.importer import MembershipImportError, import_memberships
from treaties.models import Convention, State
from treaties.reference import load_reference_data, untc_extract_text


class Command(BaseCommand):
    help = (
        "Import memberships from a CSV file (state_iso3,convention,deposited,withdrawn, or the "
        "UN Treaty Collection extract). Every bad row is reported and nothing is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="CSV file to import")
        parser.add_argument("--untc", action="store_true",
                            help="import the UN Treaty Collection extract shipped with the portal")

    def handle(self, *args, path=None, untc=False, **options):
        if untc == bool(path):
            raise CommandError("give a CSV file or --untc (one of the two)")
        if untc:
            text = untc_extract_text()
        else:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise CommandError(f"cannot read {path}: {exc}") from exc
        if not (State.objects.exists() and Convention.objects.exists()):
            # A fresh database: the rows name States and conventions that are reference data.
            load_reference_data()
            self.stdout.write("No States or conventions yet: loaded the reference data first "
                              "(manage.py load_reference_data).")
        try:
            result = import_memberships(actor=system_actor(), text=text)
        except MembershipImportError as exc:
            for error in exc.errors:
                self.stderr.write(error)
            raise CommandError(
                f"{len(exc.errors)} bad row(s); nothing was imported"
            ) from exc
        self.stdout.write(self.style.SUCCESS(
            f"{len(result.rows)} rows: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged"
        ))
