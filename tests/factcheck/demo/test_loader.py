"""The demo desk: the seed article's figures, loaded through the services, idempotently."""

from io import StringIO

import pytest
from django.core.management import call_command

from companies.models import Company
from factcheck.models import Article, Claim, FigureCheck, Source

pytestmark = pytest.mark.django_db


def load(*args):
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def snapshot():
    return (
        list(Claim.objects.order_by("pk").values_list("pk", "status", "version", "published_at")),
        Source.objects.count(),
        Company.objects.count(),
        FigureCheck.objects.count(),
    )


def test_load_demo_twice_changes_nothing(tmp_path):
    load("--article-text", str(write_article(tmp_path)))
    first = snapshot()
    output = load("--article-text", str(write_article(tmp_path)))
    assert snapshot() == first
    assert "claims unchanged: 24" in output


def write_article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("A test article of our own: its valuation reached $157 billion.")
    return path


def test_demo_desk_has_the_seed_figures_a_mix_of_statuses_and_public_claims(tmp_path):
    load("--article-text", str(write_article(tmp_path)))
    assert Claim.objects.count() > 20
    statuses = set(Claim.objects.values_list("status", flat=True))
    assert {"unverified", "in_review", "verified", "inaccurate"} <= statuses
    assert Claim.objects.public().verified().count() >= 5
    assert Company.objects.lookup("Dark Side of the Moon").slug == "moonshot-ai"
    assert Company.objects.lookup("Leapfrog AI").slug == "stepfun"
    assert Company.objects.lookup("LeadOne AI") == Company.objects.lookup("ZeroOne AI")
    tigers = Company.objects.filter(groups__slug="six-little-tigers").count()
    assert tigers == 6
    for claim in Claim.objects.public():
        assert claim.sources.exists(), claim
        assert claim.created_by != claim.reviewed_by, "demo respects the two-person rule"


def test_demo_reads_the_seed_text_when_present(seed_article_text):
    load()
    article = Article.objects.get(slug="six-little-tigers")
    assert article.text == seed_article_text
    for claim in Claim.objects.filter(article=article):
        assert claim.quote in article.text, f"quote not in the article: {claim.quote}"


def test_demo_without_the_text_keeps_the_metadata(settings, tmp_path):
    settings.FACTDESK_SEED_ARTICLE = tmp_path / "absent.txt"
    output = load()
    assert "not at" in output
    article = Article.objects.get(slug="six-little-tigers")
    assert article.text == "" and article.author == "Yang Jianyong"


def test_demo_figures_parse_as_the_article_writes_them(tmp_path):
    load("--article-text", str(write_article(tmp_path)))
    shown = {c.quote: c.figure_display for c in Claim.objects.all()}
    assert shown["Its valuation has reached a staggering $157 billion"] == "$157 billion"
    assert shown["to just HK$53.7 billion"] == "HK$53.7 billion"
    assert shown["powered by 54,000 GPUs"] == "54,000 GPUs"
    assert shown["a year-over-year increase of 168%"] == "168%"
