"""CSV tests' fixtures: what the sample files in tests/data name, and importing one of them."""

import io

import pytest

from factcheck import csv_import
from tests.factories import ArticleFactory, CompanyAliasFactory, CompanyFactory


@pytest.fixture
def import_targets(db):
    """The companies (with aliases) and the article that tests/data/claims_*.csv name.

    Not the public desk (`desk`, tests/conftest.py): an import needs only what its rows refer to.
    """
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


@pytest.fixture
def import_file(data_dir):
    """Import a file from tests/data (or raw bytes) and return the report."""

    def run(name_or_bytes, **options):
        if isinstance(name_or_bytes, bytes):
            return csv_import.import_claims(io.BytesIO(name_or_bytes), **options)
        with open(data_dir / name_or_bytes, "rb") as binary:
            return csv_import.import_claims(binary, file_name=name_or_bytes, **options)

    return run
