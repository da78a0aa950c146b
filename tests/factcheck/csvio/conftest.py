"""CSV tests' fixtures: what the sample files in tests/data name, and importing one of them."""

import io

import pytest

from factcheck.csvio import importer
from tests.factcheck.csvio.csvdata import make_import_targets


@pytest.fixture
def import_targets(db):
    """The companies (with aliases) and the article that tests/data/claims_*.csv name.

    Not the public desk (`desk`, tests/conftest.py): an import needs only what its rows refer to.
    """
    return make_import_targets()


@pytest.fixture
def import_file(data_dir):
    """Import a file from tests/data (or raw bytes) and return the report."""

    def run(name_or_bytes, **options):
        if isinstance(name_or_bytes, bytes):
            return importer.import_claims(io.BytesIO(name_or_bytes), **options)
        with open(data_dir / name_or_bytes, "rb") as binary:
            return importer.import_claims(binary, file_name=name_or_bytes, **options)

    return run
