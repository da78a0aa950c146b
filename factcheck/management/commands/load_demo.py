from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from factcheck.demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo desk: the seed article's companies, claims, sources and checks, and "
        "demo users for each role. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--article-text",
            type=Path,
            metavar="FILE",
            help="The seed article's full text (default: ../shared/seed/ when present).",
        )

    def handle(self, *args, article_text=None, **options):
        path = article_text or Path(settings.FACTDESK_SEED_ARTICLE)
        text = None
        if path.exists():
            text = path.read_text(encoding="utf-8-sig")
        elif article_text:
            raise CommandError(f"No article text at {article_text}.")
        else:
            self.stdout.write(
                f"The seed article's text is not at {path}: the article page will list its "
                "claims without the text."
            )
        counts = load_demo(article_text=text)
        for label, count in sorted(counts.items()):
            self.stdout.write(f"{label}: {count}")
        self.stdout.write(self.style.SUCCESS("Demo desk ready."))
