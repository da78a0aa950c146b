"""Claims CSV files in tests: rows as dicts (any columns left out are blank), and what they name."""

import csv
import io

from factcheck.csvio.columns import HEADER
from tests.factories import ArticleFactory, CompanyAliasFactory, CompanyFactory


def csv_bytes(*rows: dict, header=HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, restval="")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def row_for(claim, **changes) -> dict:
    """A row that states `claim` as stored (as an export of it would), with `changes` on top."""
    row = {
        "id": claim.pk,
        "version": claim.version,
        "article": claim.article.slug if claim.article else "",
        "company": claim.company.name if claim.company else "",
        "quote": claim.quote,
        "metric": claim.metric,
        "value": claim.value,
        "unit": claim.unit,
        "qualifier": claim.qualifier,
        "as_of": claim.as_of or "",
        "period": claim.period,
        "status": claim.status,
        "note": claim.note,
        "corrected_value": "" if claim.corrected_value is None else claim.corrected_value,
        "sources": " ".join(claim.sources.values_list("url", flat=True)),
    }
    row.update(changes)
    return row


def make_import_targets() -> dict:
    """The companies (with aliases) and the article that tests/data/claims_*.csv name."""
    companies = {
        "openai": CompanyFactory(name="OpenAI", slug="openai", country="US"),
        "zhipu": CompanyFactory(name="Zhipu AI", slug="zhipu-ai"),
        "moonshot": CompanyFactory(name="Moonshot AI", slug="moonshot-ai"),
        "minimax": CompanyFactory(name="MiniMax", slug="minimax"),
    }
    CompanyAliasFactory(company=companies["zhipu"], name="Zhipu")
    CompanyAliasFactory(company=companies["moonshot"], name="Dark Side of the Moon")
    article = ArticleFactory(slug="six-tigers", title="Six little tigers")
    return {"article": article, **companies}
