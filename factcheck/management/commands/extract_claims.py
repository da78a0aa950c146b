import csv
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from factcheck import extraction
from factcheck.csvio import columns
from factcheck.models import Article


def candidate_row(claim) -> list[str]:
    """A claims-CSV row for a figure not in the desk yet: no id, no sources."""
    row = dict(
        zip(columns.HEADER, columns.row_from_values(columns.claim_values(claim), []), strict=True)
    )
    row["id"] = row["version"] = ""  # importing the row adds the claim
    return list(row.values())


class Command(BaseCommand):
    help = (
        "Find the figures in an article's text (a file, or the slug of an article in the desk) "
        "and print them as claims CSV: the sentence as quote, value, unit, qualifier, a metric "
        "and company guess, the date the sentence names. Figures the article's claims already "
        "cover are printed as stored (with their id); figures a stored claim states differently "
        "are reported on stderr with the claim's id. --save adds the new ones as unverified "
        "claims (never one that disagrees with a stored claim). With a FILE, --save needs "
        "--article SLUG: the article the claims come from (add it in the admin first)."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="FILE_OR_ARTICLE_SLUG")
        parser.add_argument("--save", action="store_true", help="Add the new figures as claims.")
        parser.add_argument("--article", metavar="SLUG", help="The article a FILE's text is from.")
        parser.add_argument(
            "--user", metavar="USERNAME", help="Who enters the claims (default: the system)."
        )

    def handle(self, *args, source, save=False, article=None, user=None, **options):
        text, article = self.text_and_article(source, article)
        if save and article is None:
            raise CommandError(
                "--save with a file needs --article SLUG: the article the claims come from "
                "(add it in the admin first), so they can be found and checked against it."
            )
        try:
            result = extraction.extract(
                text, article=article, save=save, user=self.acting_user(user)
            )
        except (ValidationError, PermissionDenied) as error:
            raise CommandError(f"Nothing was saved: {error}") from error
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(columns.HEADER)
        for candidate in result.candidates:
            stored = candidate.stored
            writer.writerow(columns.claim_row(stored) if stored else candidate_row(candidate.claim))
        for candidate in result.disagreeing:
            self.stderr.write(self.disagreement(candidate))
        self.stderr.write(self.summary(result, save))

    def text_and_article(self, source: str, slug: str | None) -> tuple[str, Article | None]:
        article = None
        if slug:
            article = Article.objects.filter(slug=slug).first()
            if article is None:
                raise CommandError(f"No article with the slug {slug!r}.")
        path = Path(source)
        if path.is_file():
            try:
                return path.read_text(encoding="utf-8-sig"), article
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(f"Cannot read {path} as UTF-8 text: {error}") from error
        named = Article.objects.filter(slug=source).first()
        if named is None:
            raise CommandError(f"{source!r} is neither a file nor the slug of an article.")
        if not named.text.strip():
            raise CommandError(
                f"The article {source!r} has no text: paste it in the admin, or pass the file "
                f"with --article {source}."
            )
        return named.text, named

    def acting_user(self, username: str | None):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user called {username!r}.")
        return user

    def disagreement(self, candidate) -> str:
        stored = candidate.disagrees
        return (
            f"Claim {stored.pk} disagrees with the text: the article says "
            f"{candidate.claim.figure_display}, the claim says {stored.figure_display} "
            f"(“{candidate.claim.quote}”). Not saved: check which is right."
        )

    def summary(self, result, save: bool) -> str:
        found, there = len(result.candidates), len(result.already_there)
        differ = len(result.disagreeing)
        also = f", {differ} disagreeing with a stored claim" if differ else ""
        if save:
            return (
                f"{found} figures found: {result.created} saved as unverified, "
                f"{there} already there{also}."
            )
        return (
            f"{found} figures found: {len(result.new)} new, {there} already there{also} "
            "(nothing saved)."
        )
