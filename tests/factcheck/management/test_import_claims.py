"""manage.py import_claims: counts, every row error with its line, exit status, progress on a TTY."""

import io
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from factcheck.models import Claim
from tests.factcheck.csvio.csvdata import make_import_targets

pytestmark = pytest.mark.django_db


@pytest.fixture
def import_targets(db):
    """The companies and the article the sample files name (tests/factcheck/csvio/csvdata.py)."""
    return make_import_targets()


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_claims", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_prints_the_counts(import_targets, data_dir):
    out, err = run(str(data_dir / "claims_good.csv"))
    assert out == "Imported: 6 new, 0 updated, 0 unchanged.\n"
    assert err == ""
    assert Claim.objects.count() == 6


def test_dry_run_writes_nothing(import_targets, data_dir):
    out, _ = run(str(data_dir / "claims_good.csv"), "--dry-run")
    assert out == "Dry run, nothing was written: 6 new, 0 updated, 0 unchanged.\n"
    assert not Claim.objects.exists()


def test_each_row_error_with_its_line_and_a_failing_exit(import_targets, data_dir):
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command(
            "import_claims", str(data_dir / "claims_several_errors.csv"), stdout=io.StringIO(), stderr=err
        )  # fmt: skip
    assert err.getvalue().splitlines() == [
        "line 3, company: no company 'Zhipu A1' — did you mean 'Zhipu AI'?",
        "line 6, as_of: '2024-13-01' is not a date written YYYY-MM-DD (e.g. 2024-06-30).",
        "line 6, metric: 'revenu' is not a metric: use one of valuation, funding, market_cap, "
        "revenue, net_income, net_loss, share_price, change, compute, count, forecast, other.",
    ]
    assert str(raised.value).startswith("Nothing was imported: 2 row(s) have errors.")
    assert not Claim.objects.exists()


def test_a_file_error_is_one_line(import_targets, data_dir):
    with pytest.raises(CommandError, match="^The file is encoded as UTF-16, not UTF-8."):
        run(str(data_dir / "claims_utf16.csv"))


def test_a_missing_file(import_targets, tmp_path):
    with pytest.raises(CommandError, match="Cannot read .*nope.csv: No such file or directory."):
        run(str(tmp_path / "nope.csv"))


def test_as_a_user_with_their_rules(import_targets, data_dir, fact_checker, editor):
    out, _ = run(str(data_dir / "claims_header_only.csv"), "--user", fact_checker.username)
    assert out.startswith("Imported: 0 new")
    with pytest.raises(CommandError, match="You do not have permission to import claims."):
        run(str(data_dir / "claims_good.csv"), "--user", editor.username)
    with pytest.raises(CommandError, match="There is no user 'nobody'."):
        run(str(data_dir / "claims_good.csv"), "--user", "nobody")


def test_reads_standard_input(import_targets, data_dir, monkeypatch):
    data = (data_dir / "claims_good_bom.csv").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    out, _ = run("-")
    assert out == "Imported: 2 new, 0 updated, 0 unchanged.\n"


class FakeTTY(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_only_on_a_terminal(import_targets, data_dir):
    tty = FakeTTY()
    call_command("import_claims", str(data_dir / "claims_good.csv"), stdout=tty)
    assert "\r[" + "#" * 30 + "] 100% 6 rows\n" in tty.getvalue()
    assert tty.getvalue().endswith("Imported: 6 new, 0 updated, 0 unchanged.\n")

    plain, _ = run(str(data_dir / "claims_good.csv"), "--dry-run")
    assert "\r" not in plain


def test_the_exit_status_is_non_zero_on_errors(data_dir):
    # A real process: CommandError becomes exit status 1 with the message on stderr. The
    # file is refused before the database is touched, so an in-memory one will do.
    result = subprocess.run(
        [sys.executable, "manage.py", "import_claims", str(data_dir / "claims_empty.csv")],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "DATABASE_URL": "sqlite://:memory:"},
    )
    assert result.returncode == 1
    assert "The file is empty" in result.stderr
    assert "Traceback" not in result.stderr
