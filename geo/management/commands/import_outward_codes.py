from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from geo.importer import aggregate, read_postcode_rows, save_centres


class Command(BaseCommand):
    help = (
        "Import postcode district centres from an ONS Postcode Directory (ONSPD) or NSPL CSV file. "
        "Download it free from the ONS Open Geography Portal; it is licensed under the Open "
        "Government Licence v3.0 and the site shows the attribution it asks for."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_path", type=Path, help="The ONSPD/NSPL 'Data' CSV file.")
        parser.add_argument("--source", default="", help="Attribution label, e.g. 'ONSPD November 2026'.")

    def handle(self, *args, csv_path: Path, source: str, **options):
        if not csv_path.exists():
            raise CommandError(f"No file at {csv_path}.")
        with csv_path.open(newline="", encoding="utf-8-sig") as lines:
            try:
                centres = aggregate(read_postcode_rows(lines))
            except ValueError as error:
                raise CommandError(str(error)) from error
        if not centres:
            raise CommandError("No live postcodes with a location were found in that file.")
        saved = save_centres(centres, source=source or csv_path.name)
        postcodes = sum(centre.count for centre in centres.values())
        self.stdout.write(self.style.SUCCESS(f"Saved {saved} postcode districts from {postcodes} postcodes."))
