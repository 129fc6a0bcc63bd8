from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reporting.instruments import (
    InstrumentImportError,
    instruments_import,
    shipped_definition_text,
    shipped_definitions,
)


class Command(BaseCommand):
    help = (
        "Import instrument definitions (YAML or JSON: a convention, its entry-into-force rule, "
        "its names, its ISU and its reporting obligations; see treaties/data/INSTRUMENTS.md). "
        "Every error is reported and nothing is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="definition files to import")
        parser.add_argument("--shipped", action="store_true",
                            help="import the definitions shipped in treaties/data/instruments/")

    def handle(self, *args, paths=(), shipped=False, **options):
        if shipped == bool(paths):
            raise CommandError("give definition files or --shipped (one of the two)")
        texts = []
        if shipped:
            texts = [(name, shipped_definition_text(name)) for name in shipped_definitions()]
        for path in paths:
            try:
                texts.append((path, Path(path).read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError) as exc:
                raise CommandError(f"cannot read {path}: {exc}") from exc
        for name, text in texts:
            try:
                result = instruments_import(actor=None, text=text)
            except InstrumentImportError as exc:
                for error in exc.errors:
                    self.stderr.write(f"{name}: {error}")
                raise CommandError(f"{name}: {len(exc.errors)} error(s); nothing was imported "
                                   "from it") from exc
            self.stdout.write(self.style.SUCCESS(
                f"{name}: {', '.join(result.conventions)} with "
                f"{len(result.obligations)} obligation(s)"))
